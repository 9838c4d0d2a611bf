import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  StreamableFile,
} from '@nestjs/common';
import { Stream } from 'node:stream';
import { type Request, type Response } from 'express';
import { map, type Observable } from 'rxjs';
import { type LocalizedText } from '@app/rules';

type Language = keyof LocalizedText;
/** The languages texts are written in; the first is the default of the (Chinese) jurisdictions. */
const LANGUAGES: readonly Language[] = ['zh', 'en'];

const CONTENT_LANGUAGE: Record<Language, string> = { zh: 'zh-CN', en: 'en' };

/** Objects serialised as their own fields: plain objects and entities, not dates, buffers or streams. */
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' &&
  value !== null &&
  !ArrayBuffer.isView(value) &&
  !(value instanceof Stream) &&
  !(value instanceof StreamableFile) &&
  typeof (value as { toJSON?: unknown }).toJSON !== 'function';

const isBilingual = (value: Record<string, unknown>): value is Record<Language, string> => {
  const keys = Object.keys(value);
  return keys.length === 2 && typeof value.zh === 'string' && typeof value.en === 'string';
};

/** Every `{ zh, en }` text in a response body, in one language; anything else is copied as is. */
export function inLanguage(body: unknown, language: Language): unknown {
  if (Array.isArray(body)) return body.map((item) => inLanguage(item, language));
  if (!isRecord(body)) return body;
  if (isBilingual(body)) return body[language];
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) out[key] = inLanguage(value, language);
  return out;
}

/**
 * Texts people read (rule explanations, alert messages, report headers) are stored in Chinese and
 * English. A request that names a language with Accept-Language gets each text as a string in it
 * (Chinese when it names neither, as in the jurisdictions we serve); a request without the header
 * gets both, so machine clients keep one stable shape.
 */
@Injectable()
export class LanguageInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    if (!request.headers['accept-language']) return next.handle();
    const language = (request.acceptsLanguages(...LANGUAGES) || LANGUAGES[0]) as Language;
    const response = http.getResponse<Response>();
    response.setHeader('Content-Language', CONTENT_LANGUAGE[language]);
    response.vary('Accept-Language');
    return next.handle().pipe(map((body) => inLanguage(body, language)));
  }
}
