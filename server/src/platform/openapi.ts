import { Type, type TSchema } from 'typebox';

/**
 * The response of a route that sends bytes (a workbook, a PDF, a stored file): documented by content type as a
 * binary string. fastify sends a Buffer as it is, so this schema never serializes anything; it is the contract.
 */
export function binaryFile(contentType: string, description: string): { description: string; content: Record<string, { schema: TSchema }> } {
  return { description, content: { [contentType]: { schema: Type.String({ format: 'binary', description }) } } };
}

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A plain-text answer (device protocols such as OsmAnd read the status and, on refusal, a one-line reason). */
export function textResponse(description: string): { description: string; content: Record<string, { schema: TSchema }> } {
  return { description, content: { 'text/plain': { schema: Type.String({ description }) } } };
}

/** A Server-Sent Events stream (the route writes it itself; nothing is serialized). */
export function eventStream(description: string): { description: string; content: Record<string, { schema: TSchema }> } {
  return { description, content: { 'text/event-stream': { schema: Type.String({ description }) } } };
}
