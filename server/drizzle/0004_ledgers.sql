CREATE TABLE "ledger_asset" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"type" text NOT NULL,
	"serial" text NOT NULL,
	"model" text,
	"plate" text,
	"terminal_no" text,
	"device_id" text,
	"assigned_person_id" uuid,
	"status" text NOT NULL,
	"acquired_on" date,
	"note" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_asset_transfer" (
	"id" uuid PRIMARY KEY NOT NULL,
	"asset_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"from_unit_id" uuid NOT NULL,
	"to_unit_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_import" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"ledger" text NOT NULL,
	"mode" text NOT NULL,
	"file_name" text NOT NULL,
	"status" text NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"processed_rows" integer DEFAULT 0 NOT NULL,
	"total_rows" integer DEFAULT 0 NOT NULL,
	"issues" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"skipped" integer DEFAULT 0 NOT NULL,
	"error" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ledger_office" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"lon" double precision,
	"lat" double precision,
	"area" double precision NOT NULL,
	"floor" integer DEFAULT 1 NOT NULL,
	"independent" boolean DEFAULT false NOT NULL,
	"note" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_person" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"name" text NOT NULL,
	"id_number" text NOT NULL,
	"kind" text NOT NULL,
	"position" text,
	"certificate_no" text,
	"certificate_issued_on" date,
	"certificate_expires_on" date,
	"training_hours" double precision DEFAULT 0 NOT NULL,
	"party_member" boolean DEFAULT false NOT NULL,
	"uniform_issued_on" date,
	"status" text NOT NULL,
	"user_id" uuid,
	"note" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_photo" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_room" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"office_id" uuid,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"area" double precision NOT NULL,
	"note" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_signage" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"type" text NOT NULL,
	"location" text NOT NULL,
	"conforms" boolean NOT NULL,
	"note" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "room_type" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"ordinal" integer NOT NULL,
	"builtin" boolean DEFAULT false NOT NULL,
	"org_unit_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ledger_asset" ADD CONSTRAINT "ledger_asset_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_asset" ADD CONSTRAINT "ledger_asset_assigned_person_id_ledger_person_id_fk" FOREIGN KEY ("assigned_person_id") REFERENCES "public"."ledger_person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_asset_transfer" ADD CONSTRAINT "ledger_asset_transfer_asset_id_ledger_asset_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."ledger_asset"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_asset_transfer" ADD CONSTRAINT "ledger_asset_transfer_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_asset_transfer" ADD CONSTRAINT "ledger_asset_transfer_from_unit_id_org_unit_id_fk" FOREIGN KEY ("from_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_asset_transfer" ADD CONSTRAINT "ledger_asset_transfer_to_unit_id_org_unit_id_fk" FOREIGN KEY ("to_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_import" ADD CONSTRAINT "ledger_import_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_office" ADD CONSTRAINT "ledger_office_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_person" ADD CONSTRAINT "ledger_person_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_person" ADD CONSTRAINT "ledger_person_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_photo" ADD CONSTRAINT "ledger_photo_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_room" ADD CONSTRAINT "ledger_room_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_room" ADD CONSTRAINT "ledger_room_office_id_ledger_office_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."ledger_office"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_signage" ADD CONSTRAINT "ledger_signage_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_type" ADD CONSTRAINT "room_type_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_asset_serial_uq" ON "ledger_asset" USING btree ("serial");--> statement-breakpoint
CREATE INDEX "ledger_asset_unit_idx" ON "ledger_asset" USING btree ("org_unit_id","type");--> statement-breakpoint
CREATE INDEX "ledger_asset_transfer_asset_idx" ON "ledger_asset_transfer" USING btree ("asset_id","at");--> statement-breakpoint
CREATE INDEX "ledger_import_unit_idx" ON "ledger_import" USING btree ("org_unit_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_office_unit_name_uq" ON "ledger_office" USING btree ("org_unit_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_person_id_number_uq" ON "ledger_person" USING btree ("id_number");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_person_certificate_uq" ON "ledger_person" USING btree ("certificate_no") WHERE "ledger_person"."certificate_no" is not null;--> statement-breakpoint
CREATE INDEX "ledger_person_unit_idx" ON "ledger_person" USING btree ("org_unit_id");--> statement-breakpoint
CREATE INDEX "ledger_photo_entity_idx" ON "ledger_photo" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_room_unit_name_uq" ON "ledger_room" USING btree ("org_unit_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_signage_unit_type_location_uq" ON "ledger_signage" USING btree ("org_unit_id","type","location");--> statement-breakpoint
CREATE UNIQUE INDEX "room_type_name_uq" ON "room_type" USING btree ("name");