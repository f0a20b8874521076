import type { ModelInfo } from '../../../../shared/domain/profiles';
import { modelColumns } from './model-columns';

/** The models a connection test found, with whichever details their server gave. */
export function ModelsTable({ models }: { models: readonly ModelInfo[] }) {
  if (models.length === 0) return null;
  const columns = modelColumns(models);
  return (
    <div className="table-scroll">
      <table className="models-table">
        <caption className="visually-hidden">Models on this server</caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            {columns.map((column) => (
              <th key={column.header} scope="col">
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {models.map((model) => (
            <tr key={model.id}>
              <th scope="row">{model.id}</th>
              {columns.map((column) => (
                <td key={column.header}>{column.cell(model) || '—'}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
