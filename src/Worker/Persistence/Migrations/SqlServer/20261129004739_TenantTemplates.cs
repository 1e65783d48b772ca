using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeamRetro.Confluence.Worker.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class TenantTemplates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "HealthCheckTemplate",
                table: "integrations",
                type: "nvarchar(max)",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RetrospectiveTemplate",
                table: "integrations",
                type: "nvarchar(max)",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "HealthCheckTemplate",
                table: "integrations");

            migrationBuilder.DropColumn(
                name: "RetrospectiveTemplate",
                table: "integrations");
        }
    }
}
