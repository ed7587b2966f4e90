CREATE TABLE "case_deadline_revision" (
	"id" text PRIMARY KEY NOT NULL,
	"revision" text NOT NULL,
	"cases_recomputed" integer NOT NULL,
	"cases_changed" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
