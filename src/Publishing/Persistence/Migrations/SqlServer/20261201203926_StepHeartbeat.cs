using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeamRetro.Confluence.Publishing.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class StepHeartbeat : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "StepHeartbeatAt",
                table: "publications",
                type: "datetimeoffset",
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
