CREATE TABLE "case_counter" (
	"org_unit_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"series" text NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "case_counter_org_unit_id_year_series_pk" PRIMARY KEY("org_unit_id","year","series")
);
--> statement-breakpoint
CREATE TABLE "case_deadline" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"rule_id" text NOT NULL,
	"duty" boolean NOT NULL,
	"start_on" date NOT NULL,
	"due_on" date,
	"stopped_on" date,
	"problem" text,
	"running" boolean NOT NULL,
	"responsible_person_id" uuid,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_event" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"on_date" date NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"officers" jsonb NOT NULL,
	"payload" jsonb NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_party" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"id_number" text,
	"phone" text,
	"address" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_seizure" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"items" text NOT NULL,
	"place" text,
	"start_on" date NOT NULL,
	"extended_on" date,
	"extension_reason" text,
	"ended_on" date,
	"outcome" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enforcement_case" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"procedure" text NOT NULL,
	"state" text NOT NULL,
	"source" text NOT NULL,
	"source_ref" text,
	"lead_no" text,
	"case_no" text,
	"year" integer NOT NULL,
	"act_date" date NOT NULL,
	"act_place" text NOT NULL,
	"lat" double precision,
	"lon" double precision,
	"violation" jsonb,
	"proposed_penalty" jsonb,
	"decided_penalty" jsonb,
	"fine_fen" bigint DEFAULT 0 NOT NULL,
	"officer_ids" jsonb NOT NULL,
	"responsible_person_id" uuid,
	"facts" jsonb NOT NULL,
	"filed_on" date,
	"decided_on" date,
	"closed_on" date,
	"had_overdue" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_counter" ADD CONSTRAINT "case_counter_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_deadline" ADD CONSTRAINT "case_deadline_case_id_enforcement_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."enforcement_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_deadline" ADD CONSTRAINT "case_deadline_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_deadline" ADD CONSTRAINT "case_deadline_responsible_person_id_ledger_person_id_fk" FOREIGN KEY ("responsible_person_id") REFERENCES "public"."ledger_person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_event" ADD CONSTRAINT "case_event_case_id_enforcement_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."enforcement_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_event" ADD CONSTRAINT "case_event_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_party" ADD CONSTRAINT "case_party_case_id_enforcement_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."enforcement_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_party" ADD CONSTRAINT "case_party_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_seizure" ADD CONSTRAINT "case_seizure_case_id_enforcement_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."enforcement_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_seizure" ADD CONSTRAINT "case_seizure_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enforcement_case" ADD CONSTRAINT "enforcement_case_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enforcement_case" ADD CONSTRAINT "enforcement_case_responsible_person_id_ledger_person_id_fk" FOREIGN KEY ("responsible_person_id") REFERENCES "public"."ledger_person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "case_deadline_case_key_uq" ON "case_deadline" USING btree ("case_id","key");--> statement-breakpoint
CREATE INDEX "case_deadline_board_idx" ON "case_deadline" USING btree ("due_on") WHERE "case_deadline"."running" and "case_deadline"."duty";--> statement-breakpoint
CREATE INDEX "case_deadline_unit_idx" ON "case_deadline" USING btree ("org_unit_id") WHERE "case_deadline"."running";--> statement-breakpoint
CREATE INDEX "case_event_case_idx" ON "case_event" USING btree ("case_id","id");--> statement-breakpoint
CREATE INDEX "case_party_case_idx" ON "case_party" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_seizure_case_idx" ON "case_seizure" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "enforcement_case_no_uq" ON "enforcement_case" USING btree ("org_unit_id","case_no") WHERE "enforcement_case"."case_no" is not null;--> statement-breakpoint
CREATE INDEX "enforcement_case_unit_state_idx" ON "enforcement_case" USING btree ("org_unit_id","state");--> statement-breakpoint
CREATE INDEX "enforcement_case_responsible_idx" ON "enforcement_case" USING btree ("responsible_person_id");