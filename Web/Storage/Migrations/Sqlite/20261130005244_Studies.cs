using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LocalityLab.Web.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Studies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<Guid>(
                name: "RunId",
                table: "share_links",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.AddColumn<Guid>(
                name: "StudyId",
                table: "share_links",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Replicate",
                table: "runs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StudyCondition",
                table: "runs",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "StudyId",
                table: "runs",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "studies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Owner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SpecJson = table.Column<string>(type: "TEXT", nullable: false),
                    Identity = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    FinishedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    QueueOrder = table.Column<long>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", nullable: true),
                    RoundsCompleted = table.Column<int>(type: "INTEGER", nullable: false),
                    TotalRounds = table.Column<int>(type: "INTEGER", nullable: false),
                    SummaryJson = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_studies", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_share_links_StudyId",
                table: "share_links",
                column: "StudyId");

            migrationBuilder.CreateIndex(
                name: "IX_runs_StudyId_StudyCondition_Replicate",
                table: "runs",
                columns: new[] { "StudyId", "StudyCondition", "Replicate" });

            migrationBuilder.CreateIndex(
                name: "IX_studies_Identity",
                table: "studies",
                column: "Identity");

            migrationBuilder.CreateIndex(
                name: "IX_studies_Status_QueueOrder",
                table: "studies",
                columns: new[] { "Status", "QueueOrder" });

            migrationBuilder.AddForeignKey(
                name: "FK_runs_studies_StudyId",
                table: "runs",
                column: "StudyId",
                principalTable: "studies",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_share_links_studies_StudyId",
                table: "share_links",
                column: "StudyId",
                principalTable: "studies",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_runs_studies_StudyId",
                table: "runs");

            migrationBuilder.DropForeignKey(
                name: "FK_share_links_studies_StudyId",
                table: "share_links");

            migrationBuilder.DropTable(
                name: "studies");

            migrationBuilder.DropIndex(
                name: "IX_share_links_StudyId",
                table: "share_links");

            migrationBuilder.DropIndex(
                name: "IX_runs_StudyId_StudyCondition_Replicate",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "StudyId",
                table: "share_links");

            migrationBuilder.DropColumn(
                name: "Replicate",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "StudyCondition",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "StudyId",
                table: "runs");

            migrationBuilder.AlterColumn<Guid>(
                name: "RunId",
                table: "share_links",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "TEXT",
                oldNullable: true);
        }
    }
}
