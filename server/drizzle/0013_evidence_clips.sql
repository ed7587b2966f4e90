CREATE TABLE "body_cam_clip" (
	"id" uuid PRIMARY KEY NOT NULL,
	"device_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"officer_id" uuid NOT NULL,
	"start_at" timestamp with time zone NOT NULL,
	"end_at" timestamp with time zone NOT NULL,
	"sha256" text NOT NULL,
	"file_name" text,
	"mime_type" text,
	"size_bytes" bigint,
	"registered_by" uuid,
	"registered_by_name" text NOT NULL,
	"registered_at" timestamp with time zone NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	CONSTRAINT "body_cam_clip_span_ck" CHECK ("body_cam_clip"."end_at" > "body_cam_clip"."start_at")
);
--> statement-breakpoint
CREATE TABLE "case_step_clip" (
	"case_id" uuid NOT NULL,
	"step_event_id" bigint NOT NULL,
	"clip_id" uuid NOT NULL,
	"how" text NOT NULL,
	"linked_by" uuid,
	"linked_by_name" text NOT NULL,
	"linked_at" timestamp with time zone NOT NULL,
	CONSTRAINT "case_step_clip_step_event_id_clip_id_pk" PRIMARY KEY("step_event_id","clip_id")
);
--> statement-breakpoint
ALTER TABLE "body_cam_clip" ADD CONSTRAINT "body_cam_clip_device_id_tracking_device_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."tracking_device"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "body_cam_clip" ADD CONSTRAINT "body_cam_clip_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "body_cam_clip" ADD CONSTRAINT "body_cam_clip_officer_id_ledger_person_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."ledger_person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_step_clip" ADD CONSTRAINT "case_step_clip_case_id_enforcement_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."enforcement_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_step_clip" ADD CONSTRAINT "case_step_clip_clip_id_body_cam_clip_id_fk" FOREIGN KEY ("clip_id") REFERENCES "public"."body_cam_clip"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "body_cam_clip_officer_idx" ON "body_cam_clip" USING btree ("officer_id","start_at");--> statement-breakpoint
CREATE INDEX "case_step_clip_case_idx" ON "case_step_clip" USING btree ("case_id");