CREATE TABLE "document_service" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"doc_type" text NOT NULL,
	"ref" text DEFAULT '' NOT NULL,
	"number_id" uuid,
	"method" text NOT NULL,
	"served_on" date NOT NULL,
	"recipient" text NOT NULL,
	"note" text,
	"witness_name" text,
	"witness_id_number" text,
	"consent" boolean DEFAULT false NOT NULL,
	"case_event_id" bigint,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "document_signature" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"doc_type" text NOT NULL,
	"ref" text DEFAULT '' NOT NULL,
	"number_id" uuid,
	"role" text NOT NULL,
	"person_id" uuid,
	"name" text NOT NULL,
	"id_number" text,
	"refused" boolean DEFAULT false NOT NULL,
	"note" text,
	"witness_name" text,
	"witness_id_number" text,
	"signed_on" date NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
ALTER TABLE "document_service" ADD CONSTRAINT "document_service_case_id_enforcement_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."enforcement_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_service" ADD CONSTRAINT "document_service_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_signature" ADD CONSTRAINT "document_signature_case_id_enforcement_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."enforcement_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_signature" ADD CONSTRAINT "document_signature_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "document_service_case_idx" ON "document_service" USING btree ("case_id","doc_type","ref");--> statement-breakpoint
CREATE INDEX "document_signature_case_idx" ON "document_signature" USING btree ("case_id","doc_type","ref");--> statement-breakpoint
-- Signatures and service records of 文书 are evidence of the procedure: append-only for every writer (a wrong
-- record is answered by voiding the document and making it again, never by rewriting what was signed or served).
CREATE FUNCTION document_record_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER document_signature_append_only BEFORE UPDATE OR DELETE ON document_signature
  FOR EACH ROW EXECUTE FUNCTION document_record_append_only();
--> statement-breakpoint
CREATE TRIGGER document_service_append_only BEFORE UPDATE OR DELETE ON document_service
  FOR EACH ROW EXECUTE FUNCTION document_record_append_only();
