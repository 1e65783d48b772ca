using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeamRetro.Confluence.Publishing.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StoreAtScale : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_publications_CurrentState_UpdatedAt",
                table: "publications");

            migrationBuilder.DropIndex(
                name: "IX_publications_TenantId_CurrentState",
                table: "publications");

            migrationBuilder.DropIndex(
                name: "IX_publications_TenantId_UpdatedAt",
                table: "publications");

            migrationBuilder.AddColumn<long>(
                name: "PurgedAt",
                table: "publications",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_publications_TenantId_CreatedAt_CorrelationId_UpdatedAt",
                table: "publications",
                columns: new[] { "TenantId", "CreatedAt", "CorrelationId", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_publications_TenantId_CurrentState_CreatedAt_CorrelationId",
                table: "publications",
                columns: new[] { "TenantId", "CurrentState", "CreatedAt", "CorrelationId" });

            migrationBuilder.CreateIndex(
                name: "IX_publications_TenantId_FailedStep_CreatedAt_CorrelationId",
                table: "publications",
                columns: new[] { "TenantId", "FailedStep", "CreatedAt", "CorrelationId" });

            migrationBuilder.CreateIndex(
                name: "IX_publications_TenantId_UpdatedAt_CreatedAt_CorrelationId",
                table: "publications",
                columns: new[] { "TenantId", "UpdatedAt", "CreatedAt", "CorrelationId" });

            migrationBuilder.CreateIndex(
                name: "IX_publications_UpdatedAt_NotPurged",
                table: "publications",
                column: "UpdatedAt",
                filter: "\"PurgedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_publications_TenantId_CreatedAt_CorrelationId_UpdatedAt",
                table: "publications");

            migrationBuilder.DropIndex(
                name: "IX_publications_TenantId_CurrentState_CreatedAt_CorrelationId",
                table: "publications");

            migrationBuilder.DropIndex(
                name: "IX_publications_TenantId_FailedStep_CreatedAt_CorrelationId",
                table: "publications");

            migrationBuilder.DropIndex(
                name: "IX_publications_TenantId_UpdatedAt_CreatedAt_CorrelationId",
                table: "publications");

            migrationBuilder.DropIndex(
                name: "IX_publications_UpdatedAt_NotPurged",
                table: "publications");

            migrationBuilder.DropColumn(
                name: "PurgedAt",
                table: "publications");

            migrationBuilder.CreateIndex(
                name: "IX_publications_CurrentState_UpdatedAt",
                table: "publications",
                columns: new[] { "CurrentState", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_publications_TenantId_CurrentState",
                table: "publications",
                columns: new[] { "TenantId", "CurrentState" });

            migrationBuilder.CreateIndex(
                name: "IX_publications_TenantId_UpdatedAt",
                table: "publications",
                columns: new[] { "TenantId", "UpdatedAt" });
        }
    }
}
