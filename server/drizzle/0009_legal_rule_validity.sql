DROP INDEX "legal_rule_version_rule_uq";--> statement-breakpoint
CREATE UNIQUE INDEX "legal_rule_version_rule_from_uq" ON "legal_rule" USING btree ("version_id","rule_id","effective_from");