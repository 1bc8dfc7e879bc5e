using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LocalityLab.Web.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ShareLinkFamily : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "FamilyId",
                table: "share_links",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_share_links_FamilyId",
                table: "share_links",
                column: "FamilyId");

            migrationBuilder.AddForeignKey(
                name: "FK_share_links_families_FamilyId",
                table: "share_links",
                column: "FamilyId",
                principalTable: "families",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_share_links_families_FamilyId",
                table: "share_links");

            migrationBuilder.DropIndex(
                name: "IX_share_links_FamilyId",
                table: "share_links");

            migrationBuilder.DropColumn(
                name: "FamilyId",
                table: "share_links");
        }
    }
}
