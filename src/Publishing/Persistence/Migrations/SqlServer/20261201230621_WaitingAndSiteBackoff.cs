using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeamRetro.Confluence.Publishing.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class WaitingAndSiteBackoff : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "NextAttemptAt",
                table: "publications",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "WaitAttempts",
                table: "publications",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "WaitReason",
                table: "publications",
                type: "nvarchar(2048)",
                maxLength: 2048,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WaitingOnSite",
                table: "publications",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "WaitingSince",
                table: "publications",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "site_backoffs",
                columns: table => new
                {
                    SiteKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Host = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: false),
                    Until = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(2048)", maxLength: 2048, nullable: false),
                    Failures = table.Column<int>(type: "int", nullable: false),
                    ProbeUntil = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_site_backoffs", x => x.SiteKey);
                });

            migrationBuilder.CreateIndex(
                name: "IX_publications_CurrentState_NextAttemptAt",
                table: "publications",
                columns: new[] { "CurrentState", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_publications_WaitingOnSite_CurrentState",
                table: "publications",
                columns: new[] { "WaitingOnSite", "CurrentState" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "site_backoffs");

            migrationBuilder.DropIndex(
                name: "IX_publications_CurrentState_NextAttemptAt",
                table: "publications");

            migrationBuilder.DropIndex(
                name: "IX_publications_WaitingOnSite_CurrentState",
                table: "publications");

            migrationBuilder.DropColumn(
                name: "NextAttemptAt",
                table: "publications");

            migrationBuilder.DropColumn(
                name: "WaitAttempts",
                table: "publications");

            migrationBuilder.DropColumn(
                name: "WaitReason",
                table: "publications");

            migrationBuilder.DropColumn(
                name: "WaitingOnSite",
                table: "publications");

            migrationBuilder.DropColumn(
                name: "WaitingSince",
                table: "publications");
        }
    }
}
