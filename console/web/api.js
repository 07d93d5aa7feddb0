import { lang } from './i18n.js';

/** A failed call: its HTTP status and, when the service answered one, the RFC 9457 problem. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }

  /** The problem's text with its field errors, for the person who sent the form. */
  describe() {
    const errors = (this.problem?.errors || []).map((e) => `${e.field}: ${e.reason}`);
    return [this.message, ...errors].join('; ');
  }
}

/**
 * One call to a service through the console (same origin: /svc/{service}/...), with the token as a bearer and the
 * chosen language as Accept-Language.
 */
export async function call(service, method, path, { token, body, contentType = 'application/json', accept } = {}) {
  const headers = { Accept: accept || 'application/json, application/problem+json', 'Accept-Language': lang() };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = contentType;
  const response = await fetch(`/svc/${service}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
  });
  const text = await response.text();
  if (!response.ok) {
    throw new ApiError(response.status, parse(text));
  }
  if (accept && !accept.includes('json')) return text;
  return text ? parse(text) : null;
}

function parse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * Follows a Server-Sent Events stream with fetch() and a ReadableStream (EventSource cannot send an Authorization
 * header), sending Last-Event-ID itself on every reconnect, so a dropped connection or a reload resumes exactly after
 * the last event handled. {@code onEvent({id, event, data})} is called in order; {@code onState('open' |
 * 'reconnecting' | 'unauthorized')} as the connection changes. Returns {stop()}.
 */
export function followStream(service, path, token, { lastEventId, onEvent, onState }) {
  let stopped = false;
  let controller;
  let last = lastEventId;
  let delay = 500;
  const run = async () => {
    while (!stopped) {
      controller = new AbortController();
      try {
        const headers = { Authorization: `Bearer ${token}`, Accept: 'text/event-stream', 'Accept-Language': lang() };
        if (last !== null && last !== undefined) headers['Last-Event-ID'] = String(last);
        const response = await fetch(`/svc/${service}${path}`, { headers, signal: controller.signal, cache: 'no-store' });
        if (response.status === 401) {
          onState('unauthorized');
          return;
        }
        if (!response.ok) throw new ApiError(response.status, null);
        onState('open');
        delay = 500;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          buffer = buffer.replace(/\r\n?/g, '\n');
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const event = parseEvent(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
            if (event) {
              onEvent(event);
              if (event.id !== null) last = event.id;
            }
          }
        }
      } catch (e) {
        if (stopped) return;
      }
      onState('reconnecting');
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 10000);
    }
  };
  run();
  return {
    stop() {
      stopped = true;
      controller?.abort();
    },
  };
}

/** One event block: comments (heartbeats) give null. */
export function parseEvent(block) {
  let id = null;
  let event = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (!line || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const name = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (name === 'id') id = value;
    else if (name === 'event') event = value;
    else if (name === 'data') data.push(value);
  }
  if (data.length === 0) return null;
  return { id, event, data: data.join('\n') };
}

/** Prometheus text exposition to [{name, labels, value}]. */
export function parsePrometheus(text) {
  const samples = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = line.match(/^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/);
    if (!m) continue;
    const labels = {};
    for (const p of (m[2] || '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[p[1]] = p[2];
    samples.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return samples;
}
