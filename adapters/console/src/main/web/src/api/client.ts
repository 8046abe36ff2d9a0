/**
 * The gateway's API as the console calls it: REST in OpenAI's error shape
 * ({"error":{"message","type","code"}}) and GraphQL ({"errors":[{"message"}]}). The credential is passed
 * in by the caller from the in-memory session; it is never written anywhere else (ADR 0026).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string | null;
  readonly type: string | null;

  constructor(status: number, message: string, code: string | null = null, type: string | null = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.type = type;
  }
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface OpenAiErrorBody {
  error?: { message?: string; type?: string; code?: string | null };
}

async function readError(response: Response): Promise<ApiError> {
  let message = `${response.status} ${response.statusText}`.trim();
  let code: string | null = null;
  let type: string | null = null;
  try {
    const body = (await response.json()) as OpenAiErrorBody & { errors?: { message?: string }[] };
    if (body.error?.message) {
      message = body.error.message;
      code = body.error.code ?? null;
      type = body.error.type ?? null;
    } else if (body.errors?.[0]?.message) {
      message = body.errors[0].message;
    }
  } catch {
    // not JSON: keep the status line
  }
  return new ApiError(response.status, message, code, type);
}

export async function request<T>(credential: string, method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', Authorization: `Bearer ${credential}` };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'The gateway could not be reached. Check your connection and try again.');
  }
  if (!response.ok) {
    throw await readError(response);
  }
  if (response.status === 204) {
    return undefined as T;
  }
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

interface GraphQlResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { classification?: string } }[];
}

/** A GraphQL query; any error (a field the server does not know yet included) is thrown with the server's message. */
export async function graphql<T>(credential: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await request<GraphQlResponse<T>>(credential, 'POST', '/graphql', { query, variables });
  if (result.errors && result.errors.length > 0) {
    throw new ApiError(200, result.errors.map((e) => e.message).join('; '),
      result.errors[0].extensions?.classification ?? null, 'graphql');
  }
  if (!result.data) {
    throw new ApiError(200, 'The GraphQL answer had no data.');
  }
  return result.data;
}

/** A person-readable message of any failure. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) {
    return error.message;
  }
  if (error instanceof Error) {
    return error.message;
  }
  return String(error);
}
