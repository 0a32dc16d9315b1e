import { GraphQLError } from 'graphql';
import { Field, ObjectType, registerEnumType } from 'type-graphql';

/** The codes a client can see in `extensions.code` and in `userErrors[].code`. */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  CONFLICT = 'CONFLICT',
  RATE_LIMITED = 'RATE_LIMITED',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}
registerEnumType(ErrorCode, {
  name: 'ErrorCode',
  description: '错误代码 (error code)',
  valuesConfig: {
    UNAUTHENTICATED: { description: '未认证 (no valid token or key)' },
    FORBIDDEN: { description: '无权限 (the caller may not do or see this)' },
    NOT_FOUND: { description: '不存在 (no such record in the caller\'s scope)' },
    BAD_USER_INPUT: { description: '输入有误 (invalid input)' },
    CONFLICT: { description: '冲突 (stale version, duplicate, or an illegal state transition)' },
    RATE_LIMITED: { description: '请求过多 (too many requests)' },
    INTERNAL_SERVER_ERROR: { description: '内部错误 (unexpected fault, logged with the request id)' },
  },
});

export function gqlError(code: ErrorCode, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

export const forbidden = (what = 'You may not see or do this') => gqlError(ErrorCode.FORBIDDEN, what);
export const notFound = (what = 'No such record') => gqlError(ErrorCode.NOT_FOUND, what);
export const badInput = (message: string) => gqlError(ErrorCode.BAD_USER_INPUT, message);
export const unauthenticated = (message = 'A valid token is required') => gqlError(ErrorCode.UNAUTHENTICATED, message);

@ObjectType('UserError', { description: '用户错误 (user error): why a mutation changed nothing' })
export class UserError {
  @Field(() => [String], { description: '字段路径 (path of the input field at fault), empty when the error is not about one field' })
  field!: string[];

  @Field({ description: '说明 (message for the client developer)' })
  message!: string;

  @Field(() => ErrorCode, { description: '错误代码 (code)' })
  code!: ErrorCode;
}

/** Thrown inside a service to abort a mutation (and its transaction) with a user error. */
export class UserInputError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly field: string[] = [],
  ) {
    super(message);
  }

  toUserError(): UserError {
    return Object.assign(new UserError(), { field: this.field, message: this.message, code: this.code });
  }
}

export const invalid = (field: string | string[], message: string) =>
  new UserInputError(ErrorCode.BAD_USER_INPUT, message, Array.isArray(field) ? field : ['input', field]);
export const conflict = (message: string, field: string[] = []) => new UserInputError(ErrorCode.CONFLICT, message, field);
export const missing = (field: string, message: string) => new UserInputError(ErrorCode.NOT_FOUND, message, ['input', field]);
