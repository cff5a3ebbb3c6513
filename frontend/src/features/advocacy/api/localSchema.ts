/**
 * The advocacy endpoints described the way openapi-typescript describes them, until the backend's
 * views land and `make api-types` generates them (contract §4). The calls go through the app's one
 * client (CSRF, language, errors); only the path types are local. When the generated schema has
 * these paths, delete this file and use `api` directly.
 */
import type { Client } from 'openapi-fetch';
import { api } from '../../../lib/api';

type Json<T> = { content: { 'application/json': T } };

export interface GetOp<PathParams, Response, Query = never> {
  parameters: { path: PathParams; query?: [Query] extends [never] ? never : Query };
  requestBody?: never;
  responses: { 200: Json<Response> };
}

export interface WriteOp<PathParams, Body, Response, Status extends 200 | 201 = 200> {
  parameters: { path: PathParams };
  requestBody: Json<Body>;
  responses: { [S in Status]: Json<Response> };
}

/** Cast once: same instance and middleware as `api`, typed with the local paths. */
export function localClient<Paths extends object>(): Client<Paths> {
  return api as unknown as Client<Paths>;
}

/** A person as the advocacy API names them (history authors, last editors). */
export interface PersonRef {
  id: number;
  name: string;
}
