using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LocalityLab.Web.Storage.Migrations.Sqlite
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "UndispatchedSince",
                table: "runs",
                type: "TEXT",
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
