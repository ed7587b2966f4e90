CREATE TABLE "onsite_check" (
	"event_id" bigint NOT NULL,
	"person_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"action" text NOT NULL,
	"on_date" date NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"min_distance_m" double precision,
	"nearest_at" timestamp with time zone,
	"points" integer NOT NULL,
	"settings_radius_m" integer NOT NULL,
	"settings_margin_min" integer NOT NULL,
	"last_received_at" timestamp with time zone,
	"computed_at" timestamp with time zone NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	CONSTRAINT "onsite_check_event_id_person_id_pk" PRIMARY KEY("event_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "onsite_setting" (
	"id" text PRIMARY KEY NOT NULL,
	"radius_m" integer NOT NULL,
	"margin_min" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "onsite_check" ADD CONSTRAINT "onsite_check_event_id_case_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."case_event"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onsite_check" ADD CONSTRAINT "onsite_check_person_id_ledger_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."ledger_person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onsite_check" ADD CONSTRAINT "onsite_check_case_id_enforcement_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."enforcement_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onsite_check" ADD CONSTRAINT "onsite_check_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onsite_setting" ADD CONSTRAINT "onsite_setting_updated_by_app_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "onsite_check_case_idx" ON "onsite_check" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "onsite_check_unit_day_idx" ON "onsite_check" USING btree ("org_unit_id","on_date");