import type { PresetService } from '../services/presets/preset-service';
import type { RoutesOf } from './routes-of';

/** System prompt presets: the built-in ones and those saved in `<dataDir>/presets.json`. */
export function presetsRoutes({ presets }: { presets: PresetService }): RoutesOf<'presets'> {
  return {
    'presets.list': () => presets.list(),
    'presets.save': (input) => presets.save(input),
    'presets.delete': ({ id }) => presets.delete(id),
  };
}
