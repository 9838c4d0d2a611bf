import { HttpStatus } from '@nestjs/common';
import { json, type RequestHandler } from 'express';
import { DomainException } from '../errors/domain.exception';

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
};

/**
 * Express's JSON parser with an explicit size limit, whose failures become domain errors with
 * stable problem types (Nest would otherwise turn some of them into a generic 400).
 */
export function jsonBodyParser(limitBytes: number): RequestHandler {
  const parse = json({ limit: limitBytes, strict: true });
  return (req, res, next) =>
    parse(req, res, (error?: unknown) => {
      if (!error) return next();
      const failure = PARSER_FAILURES[(error as BodyParserError).type ?? ''];
      if (!failure) return next(error);
      next(new DomainException(failure.code, failure.status, failure.detail(limitBytes)));
    });
}
