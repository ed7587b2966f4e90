CREATE TABLE "case_publication" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"event_id" bigint,
	"status" text NOT NULL,
	"reasons" jsonb NOT NULL,
	"decision_no" text NOT NULL,
	"decided_on" date NOT NULL,
	"due_on" date,
	"due_problem" text,
	"content" jsonb,
	"published_on" date,
	"published_at" timestamp with time zone,
	"published_by" uuid,
	"published_late" boolean DEFAULT false NOT NULL,
	"changed_on" date,
	"change_kind" text,
	"withdraw_due_on" date,
	"withdrawn_on" date,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" uuid,
	"withdraw_reason" text,
	"withdrawn_late" boolean DEFAULT false NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "publication_setting" (
	"id" text PRIMARY KEY NOT NULL,
	"criteria" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
ALTER TABLE "case_publication" ADD CONSTRAINT "case_publication_case_id_enforcement_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."enforcement_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_publication" ADD CONSTRAINT "case_publication_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "case_publication_case_uq" ON "case_publication" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_publication_status_idx" ON "case_publication" USING btree ("status","due_on");--> statement-breakpoint
CREATE INDEX "case_publication_unit_idx" ON "case_publication" USING btree ("org_unit_id");--> statement-breakpoint
CREATE INDEX "case_publication_public_idx" ON "case_publication" USING btree ("published_on");