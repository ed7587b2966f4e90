CREATE TABLE "catalog_node" (
	"id" uuid PRIMARY KEY NOT NULL,
	"version_id" uuid NOT NULL,
	"code" text NOT NULL,
	"parent_code" text,
	"depth" integer NOT NULL,
	"ordinal" integer NOT NULL,
	"title" text NOT NULL,
	"text" text,
	"points" double precision,
	"method" text,
	"rule" text,
	"evidence" text,
	"is_veto" boolean DEFAULT false NOT NULL,
	"applies_to" text DEFAULT 'team' NOT NULL,
	"guidance" text,
	"origin" text DEFAULT 'own' NOT NULL,
	"change_reason" text
);
--> statement-breakpoint
CREATE TABLE "standard" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"issuer" text NOT NULL,
	"kind" text NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "standard_version" (
	"id" uuid PRIMARY KEY NOT NULL,
	"standard_id" uuid NOT NULL,
	"label" text NOT NULL,
	"status" text NOT NULL,
	"base_version_id" uuid,
	"note" text,
	"org_unit_id" uuid NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment" (
	"id" uuid PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"status" text NOT NULL,
	"score" double precision DEFAULT 0 NOT NULL,
	"max_score" double precision DEFAULT 0 NOT NULL,
	"pct" double precision DEFAULT 0 NOT NULL,
	"grade" text,
	"submitted_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_event" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"assessment_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_state" text NOT NULL,
	"to_state" text NOT NULL,
	"comment" text,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_item" (
	"id" uuid PRIMARY KEY NOT NULL,
	"assessment_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"node_code" text NOT NULL,
	"result" text,
	"score" double precision,
	"comment" text,
	"computed" jsonb,
	"override_reason" text,
	"district_comment" text,
	"city_comment" text,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"version_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"start_date" date NOT NULL,
	"due_date" date NOT NULL,
	"pass_pct" double precision NOT NULL,
	"basic_pct" double precision NOT NULL,
	"status" text NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence_file" (
	"id" uuid PRIMARY KEY NOT NULL,
	"assessment_item_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"uploaded_by" uuid,
	"uploaded_by_name" text NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rectification_task" (
	"id" uuid PRIMARY KEY NOT NULL,
	"assessment_id" uuid NOT NULL,
	"assessment_item_id" uuid NOT NULL,
	"node_code" text NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"owner_user_id" uuid,
	"due_date" date NOT NULL,
	"status" text NOT NULL,
	"resolution_note" text,
	"verify_note" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"verified_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_job" (
	"id" uuid PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"status" text NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"message" text,
	"files" jsonb,
	"requested_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "target" (
	"id" uuid PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"title" text NOT NULL,
	"due_date" date NOT NULL,
	"required_count" integer NOT NULL,
	"aspect_code" text,
	"aspect_min_pct" double precision,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_snapshot" (
	"campaign_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"day" date NOT NULL,
	"status" text NOT NULL,
	"pct" double precision NOT NULL,
	"grade" text,
	"aspect_pcts" jsonb NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	CONSTRAINT "team_snapshot_campaign_id_org_unit_id_day_pk" PRIMARY KEY("campaign_id","org_unit_id","day")
);
--> statement-breakpoint
ALTER TABLE "catalog_node" ADD CONSTRAINT "catalog_node_version_id_standard_version_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."standard_version"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standard" ADD CONSTRAINT "standard_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standard_version" ADD CONSTRAINT "standard_version_standard_id_standard_id_fk" FOREIGN KEY ("standard_id") REFERENCES "public"."standard"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standard_version" ADD CONSTRAINT "standard_version_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment" ADD CONSTRAINT "assessment_campaign_id_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaign"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment" ADD CONSTRAINT "assessment_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_event" ADD CONSTRAINT "assessment_event_assessment_id_assessment_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessment"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_event" ADD CONSTRAINT "assessment_event_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_item" ADD CONSTRAINT "assessment_item_assessment_id_assessment_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessment"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_item" ADD CONSTRAINT "assessment_item_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign" ADD CONSTRAINT "campaign_version_id_standard_version_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."standard_version"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign" ADD CONSTRAINT "campaign_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_file" ADD CONSTRAINT "evidence_file_assessment_item_id_assessment_item_id_fk" FOREIGN KEY ("assessment_item_id") REFERENCES "public"."assessment_item"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_file" ADD CONSTRAINT "evidence_file_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_task" ADD CONSTRAINT "rectification_task_assessment_id_assessment_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessment"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_task" ADD CONSTRAINT "rectification_task_assessment_item_id_assessment_item_id_fk" FOREIGN KEY ("assessment_item_id") REFERENCES "public"."assessment_item"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_task" ADD CONSTRAINT "rectification_task_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_job" ADD CONSTRAINT "report_job_campaign_id_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaign"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_job" ADD CONSTRAINT "report_job_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target" ADD CONSTRAINT "target_campaign_id_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaign"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target" ADD CONSTRAINT "target_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_snapshot" ADD CONSTRAINT "team_snapshot_campaign_id_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaign"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_snapshot" ADD CONSTRAINT "team_snapshot_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_node_version_code_uq" ON "catalog_node" USING btree ("version_id","code");--> statement-breakpoint
CREATE INDEX "catalog_node_version_idx" ON "catalog_node" USING btree ("version_id","ordinal");--> statement-breakpoint
CREATE UNIQUE INDEX "standard_code_uq" ON "standard" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "standard_version_label_uq" ON "standard_version" USING btree ("standard_id","label");--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_campaign_unit_uq" ON "assessment" USING btree ("campaign_id","org_unit_id");--> statement-breakpoint
CREATE INDEX "assessment_unit_idx" ON "assessment" USING btree ("org_unit_id");--> statement-breakpoint
CREATE INDEX "assessment_event_assessment_idx" ON "assessment_event" USING btree ("assessment_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_item_uq" ON "assessment_item" USING btree ("assessment_id","node_code");--> statement-breakpoint
CREATE INDEX "evidence_file_item_idx" ON "evidence_file" USING btree ("assessment_item_id");--> statement-breakpoint
CREATE INDEX "rectification_unit_idx" ON "rectification_task" USING btree ("org_unit_id","status");--> statement-breakpoint
CREATE INDEX "rectification_assessment_idx" ON "rectification_task" USING btree ("assessment_id");--> statement-breakpoint
CREATE INDEX "team_snapshot_day_idx" ON "team_snapshot" USING btree ("campaign_id","day");