import { VERSION } from '../version.js';

/** Where the published package serves its JSON Schemas, pinned to this version so the schema matches the CLI. */
export function schemaUrl(name: 'bank' | 'answers', version: string = VERSION): string {
  return `https://unpkg.com/who-failed-whom@${version}/schema/${name}.schema.json`;
}

/** The first-line comment that points YAML editors (yaml-language-server) at a schema. */
export function schemaModeline(url: string): string {
  return `# yaml-language-server: $schema=${url}`;
}
