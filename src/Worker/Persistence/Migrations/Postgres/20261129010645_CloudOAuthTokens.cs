using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeamRetro.Confluence.Worker.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CloudOAuthTokens : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "AccessTokenExpiresAt",
                table: "integrations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CloudId",
                table: "integrations",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EncryptedAccessToken",
                table: "integrations",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EncryptedRefreshToken",
                table: "integrations",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "NeedsReconsent",
                table: "integrations",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RefreshClaimedUntil",
                table: "integrations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TokenStamp",
                table: "integrations",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AccessTokenExpiresAt",
                table: "integrations");

            migrationBuilder.DropColumn(
                name: "CloudId",
                table: "integrations");

            migrationBuilder.DropColumn(
                name: "EncryptedAccessToken",
                table: "integrations");

            migrationBuilder.DropColumn(
                name: "EncryptedRefreshToken",
                table: "integrations");

            migrationBuilder.DropColumn(
                name: "NeedsReconsent",
                table: "integrations");

            migrationBuilder.DropColumn(
                name: "RefreshClaimedUntil",
                table: "integrations");

            migrationBuilder.DropColumn(
                name: "TokenStamp",
                table: "integrations");
        }
    }
}
