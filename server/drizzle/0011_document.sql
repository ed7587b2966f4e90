CREATE TABLE "document_counter" (
	"org_unit_id" uuid NOT NULL,
	"doc_type" text NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "document_counter_org_unit_id_doc_type_year_pk" PRIMARY KEY("org_unit_id","doc_type","year")
);
--> statement-breakpoint
CREATE TABLE "document_number" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"doc_type" text NOT NULL,
	"ref" text DEFAULT '' NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"number" text NOT NULL,
	"status" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"issued_by" uuid,
	"void_reason" text,
	"voided_at" timestamp with time zone,
	"voided_by" uuid,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
ALTER TABLE "document_counter" ADD CONSTRAINT "document_counter_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_number" ADD CONSTRAINT "document_number_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_number" ADD CONSTRAINT "document_number_case_id_enforcement_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."enforcement_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "document_number_seq_uq" ON "document_number" USING btree ("org_unit_id","doc_type","year","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "document_number_doc_uq" ON "document_number" USING btree ("case_id","doc_type","ref") WHERE "document_number"."status" = 'issued';--> statement-breakpoint
CREATE INDEX "document_number_case_idx" ON "document_number" USING btree ("case_id");--> statement-breakpoint
-- A 文号 once issued stays on record: no row is deleted, its number never changes, and the only change is 作废
-- (issued → void, with a reason). The service checks this first; the trigger makes it hold for every writer (a
-- backup restore disables user triggers for its own transaction).
CREATE FUNCTION document_number_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'document number % cannot be deleted; void it instead', OLD.number USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (NEW.id, NEW.org_unit_id, NEW.case_id, NEW.doc_type, NEW.ref, NEW.year, NEW.seq, NEW.number, NEW.issued_at, NEW.issued_by)
     IS DISTINCT FROM (OLD.id, OLD.org_unit_id, OLD.case_id, OLD.doc_type, OLD.ref, OLD.year, OLD.seq, OLD.number, OLD.issued_at, OLD.issued_by)
     OR OLD.status <> 'issued' OR NEW.status <> 'void' OR coalesce(btrim(NEW.void_reason), '') = '' THEN
    RAISE EXCEPTION 'document number % can only be voided with a reason', OLD.number USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER document_number_kept BEFORE UPDATE OR DELETE ON document_number
  FOR EACH ROW EXECUTE FUNCTION document_number_kept();
