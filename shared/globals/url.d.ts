// The WHATWG URL class exists in every runtime this code meets (browsers, Node, Electron), but
// shared/ compiles without DOM or Node types on purpose; this declares only what shared/ uses.
declare class URL {
  constructor(url: string, base?: string);
  readonly protocol: string;
  readonly host: string;
  readonly pathname: string;
  readonly username: string;
  readonly password: string;
}
