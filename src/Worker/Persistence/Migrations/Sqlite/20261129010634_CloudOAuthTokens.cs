using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeamRetro.Confluence.Worker.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CloudOAuthTokens : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "AccessTokenExpiresAt",
                table: "integrations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CloudId",
                table: "integrations",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EncryptedAccessToken",
                table: "integrations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EncryptedRefreshToken",
                table: "integrations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "NeedsReconsent",
                table: "integrations",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "RefreshClaimedUntil",
                table: "integrations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TokenStamp",
                table: "integrations",
                type: "INTEGER",
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
