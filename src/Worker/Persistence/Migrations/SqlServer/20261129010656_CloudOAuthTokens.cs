using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeamRetro.Confluence.Worker.Persistence.Migrations.SqlServer
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
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CloudId",
                table: "integrations",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EncryptedAccessToken",
                table: "integrations",
                type: "nvarchar(max)",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EncryptedRefreshToken",
                table: "integrations",
                type: "nvarchar(max)",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "NeedsReconsent",
                table: "integrations",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RefreshClaimedUntil",
                table: "integrations",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TokenStamp",
                table: "integrations",
                type: "int",
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
