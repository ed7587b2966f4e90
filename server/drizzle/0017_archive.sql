CREATE TABLE "archive_retention_policy" (
	"org_unit_id" uuid PRIMARY KEY NOT NULL,
	"years" integer,
	"note" text NOT NULL,
	"updated_by" uuid,
	"updated_by_name" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_archive" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"event_id" bigint NOT NULL,
	"archived_on" date NOT NULL,
	"archived_at" timestamp with time zone NOT NULL,
	"archived_by" uuid,
	"archived_by_name" text NOT NULL,
	"retention_years" integer,
	"retention_label" text NOT NULL,
	"retention_source" text NOT NULL,
	"retention_note" text NOT NULL,
	"keep_until" date,
	"pdf_sha256" text NOT NULL,
	"pdf_bytes" integer NOT NULL,
	"pdf_pages" integer NOT NULL,
	"manifest_sha256" text NOT NULL,
	"manifest_bytes" integer NOT NULL,
	"evidence_count" integer NOT NULL,
	"evidence_bytes" bigint NOT NULL,
	"pdf_index" jsonb NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
ALTER TABLE "archive_retention_policy" ADD CONSTRAINT "archive_retention_policy_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_archive" ADD CONSTRAINT "case_archive_case_id_enforcement_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."enforcement_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_archive" ADD CONSTRAINT "case_archive_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- An archive record is written once, in the 归档 step's transaction, and never changed: it names the PDF and the
-- evidence manifest kept by SHA-256. The service never updates it; the trigger makes it hold for every writer (a
-- backup restore empties tables with TRUNCATE, which row triggers do not see).
CREATE FUNCTION case_archive_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'an archive record cannot be changed or deleted' USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER case_archive_immutable BEFORE UPDATE OR DELETE ON case_archive
  FOR EACH ROW EXECUTE FUNCTION case_archive_immutable();
