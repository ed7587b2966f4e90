/**
 * The baseline of bench/api.ts: a bare fastify hello-world (the same fastify the server uses), no logger,
 * no plugins. Listens on 127.0.0.1:$PORT.
 */
import Fastify from 'fastify';

const port = Number(process.env.PORT ?? '0');
const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));

await app.listen({ port, host: '127.0.0.1' });
const shutdown = () => void app.close().then(() => process.exit(0));
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
