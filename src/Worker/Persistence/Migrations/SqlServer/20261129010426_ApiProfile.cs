using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeamRetro.Confluence.Worker.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ApiProfile : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ApiProfile",
                table: "integrations",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "V1");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ApiProfile",
                table: "integrations");
        }
    }
}
