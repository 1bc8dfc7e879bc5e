using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LocalityLab.Web.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RunClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "Claim",
                table: "runs",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Claims",
                table: "runs",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Claim",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "Claims",
                table: "runs");
        }
    }
}
