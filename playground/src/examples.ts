/**
 * The examples menu: the course's shop (the files of examples/compose, as they are in the
 * repository) and two applications of our own, each a project the page can load.
 */
import shopOverride from 'raw:../../examples/compose/docker-compose.override.yml';
import shopCompose from 'raw:../../examples/compose/docker-compose.yml';
import shopYarp from 'raw:../../examples/compose/gateway/yarp.json';
import notesEnv from 'raw:../examples/notes/.env';
import notesOverride from 'raw:../examples/notes/docker-compose.override.yml';
import notesCompose from 'raw:../examples/notes/docker-compose.yml';
import notesNginx from 'raw:../examples/notes/nginx/default.conf';
import votingCompose from 'raw:../examples/voting/docker-compose.yml';
import { COMPOSE_FILE, DEFAULT_OPTIONS, ENV_FILE, OVERRIDE_FILE, PlaygroundOptions } from './adapter';

/** A project the examples menu loads. */
export interface Example {
  readonly id: string;
  readonly title: string;
  readonly files: { readonly [name: string]: string };
  readonly options: PlaygroundOptions;
}

export const EXAMPLES: Example[] = [
  {
    id: 'shop',
    title: 'The course\'s shop: gateway, three .NET services, RabbitMQ, Redis, PostgreSQL, NFS',
    files: { [COMPOSE_FILE]: shopCompose, [OVERRIDE_FILE]: shopOverride, [ENV_FILE]: '', 'gateway/yarp.json': shopYarp },
    options: DEFAULT_OPTIONS,
  },
  {
    id: 'voting',
    title: 'Voting app: two web front ends, a worker, Redis and PostgreSQL on two networks',
    files: { [COMPOSE_FILE]: votingCompose, [OVERRIDE_FILE]: '', [ENV_FILE]: '' },
    options: DEFAULT_OPTIONS,
  },
  {
    id: 'notes',
    title: 'Notes: nginx in front of a .NET API and PostgreSQL, with .env and a debug profile',
    files: { [COMPOSE_FILE]: notesCompose, [OVERRIDE_FILE]: notesOverride, [ENV_FILE]: notesEnv, 'nginx/default.conf': notesNginx },
    options: DEFAULT_OPTIONS,
  },
];
