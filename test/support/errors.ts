/** A regex that matches exactly this error message, for `toThrow`: path, type, prop, value and fix all count. */
export function exactly(message: string): RegExp {
  return new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}
