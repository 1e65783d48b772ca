using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TeamRetro.Confluence.Publishing.Persistence.Migrations.Postgres
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
                type: "timestamp with time zone",
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
