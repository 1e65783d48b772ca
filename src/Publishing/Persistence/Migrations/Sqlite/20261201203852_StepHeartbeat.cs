using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeamRetro.Confluence.Publishing.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StepHeartbeat : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "StepHeartbeatAt",
                table: "publications",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "StepHeartbeatAt",
                table: "publications");
        }
    }
}
