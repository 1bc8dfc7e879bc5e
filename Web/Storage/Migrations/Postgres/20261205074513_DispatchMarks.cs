using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LocalityLab.Web.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DispatchMarks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "UndispatchedSince",
                table: "studies",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "UndispatchedSince",
                table: "runs",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "UndispatchedSince",
                table: "studies");

            migrationBuilder.DropColumn(
                name: "UndispatchedSince",
                table: "runs");
        }
    }
}
