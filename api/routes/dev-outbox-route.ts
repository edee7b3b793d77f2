import { Router } from 'express';
import { z } from 'zod';
import { listOutbox } from '../../store/outbox-store';
import type { ApiDeps } from '../deps';
import { parseRequest } from '../validation';

const outboxQuery = z.object({
  recipient: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/** GET /dev/outbox: messages kept instead of delivered, newest first (administrators only). */
export function devOutboxRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/outbox', async (req, res) => {
    const query = parseRequest('ListOutboxRequest', outboxQuery, req.query);
    const rows = await listOutbox(deps.db, query.limit, query.recipient);
    res.json({
      messages: rows.map((row) => ({
        id: String(row.id),
        channel: row.channel,
        recipient: row.recipient,
        subject: row.subject ?? undefined,
        text: row.body,
        createdAt: new Date(row.created_at).toISOString(),
      })),
    });
  });
  return router;
}
