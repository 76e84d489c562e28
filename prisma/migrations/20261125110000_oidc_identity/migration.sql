-- OIDC sign-in (issue 7): a directory identity (issuer + sub) bound to one RTCC user, and whether a session's
-- second factor was done by the identity provider (ID token `amr` with mfa/otp) rather than our TOTP.

-- CreateTable
CREATE TABLE "user_identity" (
    "issuer" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_login_at" TIMESTAMPTZ(3),

    CONSTRAINT "user_identity_pkey" PRIMARY KEY ("issuer", "subject")
);

-- CreateIndex
CREATE INDEX "user_identity_user_id_idx" ON "user_identity"("user_id");

-- AddForeignKey
ALTER TABLE "user_identity" ADD CONSTRAINT "user_identity_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "session" ADD COLUMN "idp_mfa" BOOLEAN NOT NULL DEFAULT false;
