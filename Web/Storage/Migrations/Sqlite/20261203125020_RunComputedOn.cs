using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LocalityLab.Web.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RunComputedOn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ComputedOn",
                table: "runs",
                type: "TEXT",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ComputedOn",
                table: "runs");
        }
    }
}
