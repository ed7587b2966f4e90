CREATE TABLE "service_category" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"big_class" text NOT NULL,
	"accept_hours" integer NOT NULL,
	"handle_hours" integer NOT NULL,
	"reply_hours" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_event" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"actor_user_id" uuid,
	"actor_kind" text NOT NULL,
	"org_unit_id" uuid,
	"reason" text,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_photo" (
	"id" uuid PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"sha256" text NOT NULL,
	"mime" text NOT NULL,
	"bytes" integer NOT NULL,
	"width" integer,
	"height" integer,
	"public" boolean DEFAULT false NOT NULL,
	"public_sha256" text,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_request" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tracking_code" text NOT NULL,
	"source" text NOT NULL,
	"external_ref" text,
	"category_id" uuid NOT NULL,
	"description" text NOT NULL,
	"lat" double precision,
	"lon" double precision,
	"address" text,
	"contact_name" text,
	"contact_phone" text,
	"reporter_key" text,
	"org_unit_id" uuid,
	"grid_id" uuid,
	"routed_by" text NOT NULL,
	"state" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"accept_due_at" timestamp with time zone,
	"handle_due_at" timestamp with time zone,
	"reply_due_at" timestamp with time zone,
	"paused_minutes" integer DEFAULT 0 NOT NULL,
	"suspended_at" timestamp with time zone,
	"suspended_from_state" text,
	"accepted_at" timestamp with time zone,
	"handled_at" timestamp with time zone,
	"replied_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"handling_note" text,
	"reply_text" text,
	"duplicate_of_id" uuid,
	"case_id" uuid,
	"satisfaction" text,
	"satisfaction_comment" text,
	"rated_at" timestamp with time zone,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "service_event" ADD CONSTRAINT "service_event_request_id_service_request_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."service_request"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_photo" ADD CONSTRAINT "service_photo_request_id_service_request_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."service_request"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_request" ADD CONSTRAINT "service_request_category_id_service_category_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."service_category"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_request" ADD CONSTRAINT "service_request_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_request" ADD CONSTRAINT "service_request_grid_id_org_unit_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_request" ADD CONSTRAINT "service_request_case_id_enforcement_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."enforcement_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "service_category_code_uq" ON "service_category" USING btree ("code");--> statement-breakpoint
CREATE INDEX "service_event_request_idx" ON "service_event" USING btree ("request_id","id");--> statement-breakpoint
CREATE INDEX "service_photo_request_idx" ON "service_photo" USING btree ("request_id","stage");--> statement-breakpoint
CREATE UNIQUE INDEX "service_request_tracking_uq" ON "service_request" USING btree ("tracking_code");--> statement-breakpoint
CREATE UNIQUE INDEX "service_request_external_uq" ON "service_request" USING btree ("source","external_ref") WHERE "service_request"."external_ref" is not null;--> statement-breakpoint
CREATE INDEX "service_request_state_unit_idx" ON "service_request" USING btree ("state","org_unit_id");--> statement-breakpoint
CREATE INDEX "service_request_unit_submitted_idx" ON "service_request" USING btree ("org_unit_id","submitted_at");--> statement-breakpoint
CREATE INDEX "service_request_submitted_idx" ON "service_request" USING btree ("submitted_at");--> statement-breakpoint
CREATE INDEX "service_request_category_submitted_idx" ON "service_request" USING btree ("category_id","submitted_at");--> statement-breakpoint
CREATE INDEX "service_request_reporter_idx" ON "service_request" USING btree ("reporter_key","submitted_at");--> statement-breakpoint
CREATE INDEX "service_request_phone_idx" ON "service_request" USING btree ("contact_phone","submitted_at") WHERE "service_request"."contact_phone" is not null;--> statement-breakpoint
CREATE INDEX "service_request_case_idx" ON "service_request" USING btree ("case_id") WHERE "service_request"."case_id" is not null;--> statement-breakpoint
CREATE INDEX "service_request_duplicate_idx" ON "service_request" USING btree ("duplicate_of_id") WHERE "service_request"."duplicate_of_id" is not null;--> statement-breakpoint
-- The timeline of a report is its record towards the reporter and the evaluation: append-only for every writer
-- (a wrong step is answered by a later step, never by rewriting one).
CREATE FUNCTION service_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER service_event_append_only BEFORE UPDATE OR DELETE ON service_event
  FOR EACH ROW EXECUTE FUNCTION service_event_append_only();
