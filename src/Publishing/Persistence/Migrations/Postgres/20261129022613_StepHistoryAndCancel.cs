using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeamRetro.Confluence.Publishing.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StepHistoryAndCancel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "History",
                table: "publications",
                type: "text",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_publications_CreatedAt_CorrelationId",
                table: "publications",
                columns: new[] { "CreatedAt", "CorrelationId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_publications_CreatedAt_CorrelationId",
                table: "publications");

            migrationBuilder.DropColumn(
                name: "History",
                table: "publications");
        }
    }
}
