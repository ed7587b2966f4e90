CREATE TABLE "tracking_alert" (
	"id" uuid PRIMARY KEY NOT NULL,
	"shift_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"since" timestamp with time zone NOT NULL,
	"until" timestamp with time zone,
	"duration_ms" integer NOT NULL,
	"lat" double precision,
	"lon" double precision,
	"acknowledged_by" uuid,
	"acknowledged_at" timestamp with time zone,
	"ack_note" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tracking_binding" (
	"id" uuid PRIMARY KEY NOT NULL,
	"device_id" uuid NOT NULL,
	"person_id" uuid,
	"asset_id" uuid,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_to" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tracking_checkpoint" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"name" text NOT NULL,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"radius_m" real NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tracking_device" (
	"id" uuid PRIMARY KEY NOT NULL,
	"identifier" text NOT NULL,
	"protocol" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"org_unit_id" uuid,
	"status" text NOT NULL,
	"auth_code" text,
	"last_seen_at" timestamp with time zone,
	"last_fix_time" timestamp with time zone,
	"last_lat" double precision,
	"last_lon" double precision,
	"last_speed_kmh" real,
	"last_course" real,
	"last_flags" integer,
	"note" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tracking_position" (
	"device_id" uuid NOT NULL,
	"fix_time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"altitude" real,
	"speed_kmh" real,
	"course" real,
	"accuracy_m" real,
	"battery" real,
	"valid" boolean NOT NULL,
	"flags" integer NOT NULL,
	"source" smallint NOT NULL,
	"alarm" integer,
	"status" integer,
	"attributes" jsonb
) PARTITION BY RANGE ("fix_time");
--> statement-breakpoint
-- Daily partitions (tracking_position_pYYYYMMDD) are created ahead by the partition maintainer; anything outside
-- them (a fix from a wrong clock, a restore of old data) lands here and is moved into its day when that day's
-- partition is created. Retention drops whole days.
CREATE TABLE "tracking_position_default" PARTITION OF "tracking_position" DEFAULT;
--> statement-breakpoint
CREATE TABLE "tracking_shift" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"area_unit_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"note" text,
	"created_by" uuid,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tracking_alert" ADD CONSTRAINT "tracking_alert_shift_id_tracking_shift_id_fk" FOREIGN KEY ("shift_id") REFERENCES "public"."tracking_shift"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracking_alert" ADD CONSTRAINT "tracking_alert_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracking_alert" ADD CONSTRAINT "tracking_alert_person_id_ledger_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."ledger_person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracking_alert" ADD CONSTRAINT "tracking_alert_acknowledged_by_app_user_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracking_binding" ADD CONSTRAINT "tracking_binding_device_id_tracking_device_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."tracking_device"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracking_binding" ADD CONSTRAINT "tracking_binding_person_id_ledger_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."ledger_person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracking_binding" ADD CONSTRAINT "tracking_binding_asset_id_ledger_asset_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."ledger_asset"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracking_binding" ADD CONSTRAINT "tracking_binding_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracking_checkpoint" ADD CONSTRAINT "tracking_checkpoint_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracking_device" ADD CONSTRAINT "tracking_device_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracking_shift" ADD CONSTRAINT "tracking_shift_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracking_shift" ADD CONSTRAINT "tracking_shift_person_id_ledger_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."ledger_person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracking_shift" ADD CONSTRAINT "tracking_shift_area_unit_id_org_unit_id_fk" FOREIGN KEY ("area_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracking_shift" ADD CONSTRAINT "tracking_shift_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "tracking_alert_key_uq" ON "tracking_alert" USING btree ("shift_id","kind","since");--> statement-breakpoint
CREATE INDEX "tracking_alert_unit_idx" ON "tracking_alert" USING btree ("org_unit_id","since");--> statement-breakpoint
CREATE INDEX "tracking_binding_device_idx" ON "tracking_binding" USING btree ("device_id","valid_from");--> statement-breakpoint
CREATE INDEX "tracking_binding_person_idx" ON "tracking_binding" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "tracking_binding_asset_idx" ON "tracking_binding" USING btree ("asset_id");--> statement-breakpoint
CREATE INDEX "tracking_checkpoint_unit_idx" ON "tracking_checkpoint" USING btree ("org_unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tracking_device_identifier_uq" ON "tracking_device" USING btree ("protocol","identifier");--> statement-breakpoint
CREATE INDEX "tracking_device_unit_idx" ON "tracking_device" USING btree ("org_unit_id");--> statement-breakpoint
-- Covering: a device-day fetch for the map and the statistics is an index-only scan.
CREATE INDEX "tracking_position_device_time_idx" ON "tracking_position" USING btree ("device_id","fix_time") INCLUDE ("lat","lon","speed_kmh","course","flags");--> statement-breakpoint
CREATE INDEX "tracking_shift_unit_idx" ON "tracking_shift" USING btree ("org_unit_id","starts_at");--> statement-breakpoint
CREATE INDEX "tracking_shift_person_idx" ON "tracking_shift" USING btree ("person_id","starts_at");