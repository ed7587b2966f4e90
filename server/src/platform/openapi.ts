import { Type, type TSchema } from 'typebox';

/**
 * The response of a route that sends bytes (a workbook, a PDF, a stored file): documented by content type as a
 * binary string. fastify sends a Buffer as it is, so this schema never serializes anything; it is the contract.
 */
export function binaryFile(contentType: string, description: string): { description: string; content: Record<string, { schema: TSchema }> } {
  return { description, content: { [contentType]: { schema: Type.String({ format: 'binary', description }) } } };
}

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
