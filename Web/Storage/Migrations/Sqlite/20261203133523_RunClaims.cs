using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LocalityLab.Web.Storage.Migrations.Sqlite
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Claims",
                table: "runs",
                type: "INTEGER",
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
