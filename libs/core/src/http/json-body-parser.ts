import { HttpStatus } from '@nestjs/common';
import { json, type RequestHandler } from 'express';
import { isUtf8 } from 'node:buffer';
import { DomainException } from '../errors/domain.exception';

/**
 * No request needs deeper JSON (a MultiPolygon zone is six levels), and validating deeper
 * nesting recursively would overflow the stack.
 */
export const MAX_JSON_DEPTH = 32;

interface BodyParserError {
  type?: string;
  status?: number;
}

const PARSER_FAILURES: Record<string, { code: string; status: HttpStatus; detail: (limit: number) => string }> = {
  'entity.too.large': {
    code: 'payload-too-large',
    status: HttpStatus.PAYLOAD_TOO_LARGE,
    detail: (limit) => `Request body exceeds the limit of ${limit} bytes`,
  },
  'entity.parse.failed': {
    code: 'malformed-json',
    status: HttpStatus.BAD_REQUEST,
    detail: () => 'Request body is not valid JSON',
  },
  'encoding.unsupported': {
    code: 'unsupported-encoding',
    status: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    detail: () => 'Content-Encoding is not supported',
  },
  'charset.unsupported': {
    code: 'unsupported-charset',
    status: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    detail: () => 'Only UTF-8 JSON is accepted',
  },
  'request.size.invalid': {
    code: 'malformed-body',
    status: HttpStatus.BAD_REQUEST,
    detail: () => 'Request size did not match Content-Length',
  },
  // Decoding would silently turn invalid bytes into U+FFFD and store the result.
  'entity.not.utf8': {
    code: 'malformed-json',
    status: HttpStatus.BAD_REQUEST,
    detail: () => 'Request body is not valid UTF-8',
  },
};

/** Whether a parsed JSON value nests arrays or objects more than `limit` levels deep (breadth-first, no recursion). */
function deeperThan(value: unknown, limit: number): boolean {
  const isContainer = (node: unknown): node is object => typeof node === 'object' && node !== null;
  let level = isContainer(value) ? [value] : [];
  for (let depth = 1; level.length > 0; depth += 1) {
    if (depth > limit) return true;
    level = level.flatMap((node) => Object.values(node).filter(isContainer));
  }
  return false;
}

function rejectInvalidUtf8(_req: unknown, _res: unknown, raw: Buffer): void {
  if (!isUtf8(raw)) throw Object.assign(new Error('invalid UTF-8'), { type: 'entity.not.utf8' });
}

/**
 * Express's JSON parser with an explicit size limit, UTF-8 only and at most MAX_JSON_DEPTH levels
 * deep, whose failures become domain errors with stable problem types (Nest would otherwise turn
 * some of them into a generic 400, and others, such as a corrupt gzip body, into a 500).
 */
export function jsonBodyParser(limitBytes: number): RequestHandler {
  const parse = json({ limit: limitBytes, strict: true, verify: rejectInvalidUtf8 });
  return (req, res, next) =>
    parse(req, res, (error?: unknown) => {
      if (!error) {
        if (!deeperThan(req.body, MAX_JSON_DEPTH)) return next();
        return next(
          new DomainException(
            'malformed-json',
            HttpStatus.BAD_REQUEST,
            `Request body nests deeper than ${MAX_JSON_DEPTH} levels`,
          ),
        );
      }
      const { type, status } = error as BodyParserError;
      const failure = PARSER_FAILURES[type ?? ''];
      if (failure) return next(new DomainException(failure.code, failure.status, failure.detail(limitBytes)));
      // Any other failure to read the body (a corrupt gzip stream, an aborted upload) is the client's.
      if (status !== undefined && status >= 400 && status < 500)
        return next(new DomainException('malformed-body', status, 'Request body could not be read'));
      next(error);
    });
}
