/** Calls to the cockpit API. Errors carry the server's message ({"error","field"}). */
export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly field?: string) {
    super(message);
  }
}

export async function api<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(path, { credentials: 'same-origin', ...init });
  if (!res.ok) {
    let message = `${res.status} ${res.statusText}`;
    let field: string | undefined;
    try {
      const body = await res.json();
      message = body.error ?? message;
      field = body.field ?? undefined;
    } catch {
      /* not JSON */
    }
    throw new ApiError(res.status, message, field);
  }
  return res.status === 204 ? (undefined as T) : ((await res.json()) as T);
}

export function login(user: string, password: string): Promise<{ operator: string }> {
  return api('/api/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user, password }),
  });
}

export function logout(): Promise<void> {
  return api('/api/logout', { method: 'POST' });
}

export function me(): Promise<{ operator: string }> {
  return api('/api/me');
}
