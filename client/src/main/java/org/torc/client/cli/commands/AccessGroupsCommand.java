package org.torc.client.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.torc.client.cli.CliContext;
import org.torc.client.cli.ExitCode;
import org.torc.client.cli.Output;
import org.torc.client.cli.Table;
import org.torc.common.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code torc access-groups ...}: team-based access control. */
@Command(name = "access-groups", mixinStandardHelpOptions = true,
        description = "Manage access groups for team-based access control.",
        subcommands = {
            AccessGroupsCommand.Create.class,
            AccessGroupsCommand.Get.class,
            AccessGroupsCommand.ListGroups.class,
            AccessGroupsCommand.Delete.class,
            AccessGroupsCommand.AddUser.class,
            AccessGroupsCommand.RemoveUser.class,
            AccessGroupsCommand.ListMembers.class,
            AccessGroupsCommand.ListUserGroups.class,
            AccessGroupsCommand.AddWorkflow.class,
            AccessGroupsCommand.RemoveWorkflow.class,
            AccessGroupsCommand.ListWorkflowGroups.class
        })
public final class AccessGroupsCommand extends GroupCommand {

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void printGroups(CliContext ctx, List<JsonNode> groups, String title,
            String empty) {
        Output out = ctx.output();
        if (out.json()) {
            out.printJson(Fields.wrap("groups", groups));
            return;
        }
        Table table = new Table(Output.headers("ID", "Name", "Description", "Created"));
        for (JsonNode g : groups) {
            table.row(List.of(g.path("id").asLong(-1), Fields.text(g, "name"),
                    Fields.text(g, "description"), Fields.text(g, "created_at")));
        }
        out.printTable(title, table, title == null ? "access groups" : "groups", empty);
    }

    private static void success(CliContext ctx, String message) {
        if (ctx.json()) {
            ObjectNode o = Json.mapper().createObjectNode();
            o.put("success", true);
            ctx.output().printJson(o);
        } else {
            ctx.output().println(message);
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an access group.")
    static final class Create extends ContextCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "Name of the group")
        String name;

        @Option(names = {"-d", "--description"}, description = "Description of the group")
        String description;

        @Override
        protected ExitCode execute(CliContext ctx) {
            ObjectNode body = Json.mapper().createObjectNode();
            body.put("name", name);
            if (description != null) {
                body.put("description", description);
            }
            JsonNode g = ctx.during("creating access group",
                    () -> ctx.api().post("/access_groups", body));
            Output out = ctx.output();
            if (out.json()) {
                out.printJson(g);
            } else {
                out.println("Successfully created access group:");
                out.println("  ID: " + g.path("id").asLong(-1));
                out.println("  Name: " + Fields.text(g, "name"));
                if (g.hasNonNull("description")) {
                    out.println("  Description: " + g.get("description").asText());
                }
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Get an access group.")
    static final class Get extends ContextCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "Group ID")
        long id;

        @Override
        protected ExitCode execute(CliContext ctx) {
            JsonNode g = ctx.during("getting access group", () -> ctx.api().get("/access_groups/"
                    + id));
            Output out = ctx.output();
            if (out.json()) {
                out.printJson(g);
            } else {
                out.println("Access group:");
                out.println("  ID: " + g.path("id").asLong(-1));
                out.println("  Name: " + Fields.text(g, "name"));
                if (g.hasNonNull("description")) {
                    out.println("  Description: " + g.get("description").asText());
                }
                if (g.hasNonNull("created_at")) {
                    out.println("  Created: " + g.get("created_at").asText());
                }
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List all access groups.")
    static final class ListGroups extends ContextCommand {
        @Option(names = {"-l", "--limit"}, defaultValue = "100",
                description = "Maximum number of groups to return (default: ${DEFAULT-VALUE})")
        long limit;

        @Option(names = {"-o", "--offset"}, defaultValue = "0", description = "Offset for pagination")
        long offset;

        @Override
        protected ExitCode execute(CliContext ctx) {
            List<JsonNode> groups = ctx.during("listing access groups", () -> ctx.api()
                    .listAll("/access_groups", Queries.of("offset", offset), limit));
            printGroups(ctx, groups, null, "No access groups found");
            return ExitCode.OK;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete an access group.")
    static final class Delete extends ContextCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "Group ID")
        long id;

        @Override
        protected ExitCode execute(CliContext ctx) {
            JsonNode g = ctx.during("deleting access group",
                    () -> ctx.api().delete("/access_groups/" + id));
            Output out = ctx.output();
            if (out.json()) {
                out.printJson(g);
            } else {
                out.println("Successfully deleted access group:");
                out.println("  ID: " + g.path("id").asLong(-1));
                out.println("  Name: " + Fields.text(g, "name"));
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "add-user", mixinStandardHelpOptions = true, description = "Add a user to a group.")
    static final class AddUser extends ContextCommand {
        @Parameters(index = "0", paramLabel = "GROUP_ID", description = "Group ID")
        long groupId;

        @Parameters(index = "1", paramLabel = "USER", description = "User name")
        String userName;

        @Option(names = {"-r", "--role"}, defaultValue = "member",
                description = "Role in the group: admin or member (default: ${DEFAULT-VALUE})")
        String role;

        @Override
        protected ExitCode execute(CliContext ctx) {
            ObjectNode body = Json.mapper().createObjectNode();
            body.put("user_name", userName);
            body.put("group_id", groupId);
            body.put("role", role);
            JsonNode m = ctx.during("adding user to group",
                    () -> ctx.api().post("/access_groups/" + groupId + "/members", body));
            Output out = ctx.output();
            if (out.json()) {
                out.printJson(m);
            } else {
                out.println("Successfully added user to group:");
                out.println("  User: " + Fields.text(m, "user_name"));
                out.println("  Group ID: " + m.path("group_id").asLong());
                out.println("  Role: " + Fields.text(m, "role"));
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "remove-user", mixinStandardHelpOptions = true,
            description = "Remove a user from a group.")
    static final class RemoveUser extends ContextCommand {
        @Parameters(index = "0", paramLabel = "GROUP_ID", description = "Group ID")
        long groupId;

        @Parameters(index = "1", paramLabel = "USER", description = "User name")
        String userName;

        @Override
        protected ExitCode execute(CliContext ctx) {
            ctx.during("removing user from group", () -> ctx.api().delete("/access_groups/"
                    + groupId + "/members/" + encode(userName)));
            success(ctx, "Successfully removed user '" + userName + "' from group " + groupId);
            return ExitCode.OK;
        }
    }

    @Command(name = "list-members", mixinStandardHelpOptions = true,
            description = "List the members of a group.")
    static final class ListMembers extends ContextCommand {
        @Parameters(index = "0", paramLabel = "GROUP_ID", description = "Group ID")
        long groupId;

        @Option(names = {"-l", "--limit"}, defaultValue = "100",
                description = "Maximum number of members to return (default: ${DEFAULT-VALUE})")
        long limit;

        @Option(names = {"-o", "--offset"}, defaultValue = "0", description = "Offset for pagination")
        long offset;

        @Override
        protected ExitCode execute(CliContext ctx) {
            List<JsonNode> members = ctx.during("listing group members", () -> ctx.api()
                    .listAll("/access_groups/" + groupId + "/members", Queries.of("offset", offset),
                            limit));
            Output out = ctx.output();
            if (out.json()) {
                out.printJson(Fields.wrap("members", members));
                return ExitCode.OK;
            }
            Table table = new Table(Output.headers("User", "Role", "Added"));
            for (JsonNode m : members) {
                table.row(List.of(Fields.text(m, "user_name"), Fields.text(m, "role"),
                        Fields.text(m, "created_at")));
            }
            out.printTable("Members of group " + groupId + ":", table, "members",
                    "No members found in group " + groupId);
            return ExitCode.OK;
        }
    }

    @Command(name = "list-user-groups", mixinStandardHelpOptions = true,
            description = "List the groups a user belongs to.")
    static final class ListUserGroups extends ContextCommand {
        @Parameters(index = "0", paramLabel = "USER", description = "User name")
        String userName;

        @Option(names = {"-l", "--limit"}, defaultValue = "100",
                description = "Maximum number of groups to return (default: ${DEFAULT-VALUE})")
        long limit;

        @Option(names = {"-o", "--offset"}, defaultValue = "0", description = "Offset for pagination")
        long offset;

        @Override
        protected ExitCode execute(CliContext ctx) {
            List<JsonNode> groups = ctx.during("listing user groups", () -> ctx.api()
                    .listAll("/users/" + encode(userName) + "/groups", Queries.of("offset", offset),
                            limit));
            printGroups(ctx, groups, "Groups for user '" + userName + "':",
                    "User '" + userName + "' is not a member of any groups");
            return ExitCode.OK;
        }
    }

    @Command(name = "add-workflow", mixinStandardHelpOptions = true,
            description = "Give a group access to a workflow.")
    static final class AddWorkflow extends ContextCommand {
        @Parameters(index = "0", paramLabel = "WORKFLOW_ID", description = "Workflow ID")
        long workflowId;

        @Parameters(index = "1", paramLabel = "GROUP_ID", description = "Group ID")
        long groupId;

        @Override
        protected ExitCode execute(CliContext ctx) {
            JsonNode a = ctx.during("adding workflow to group", () -> ctx.api()
                    .post("/workflows/" + workflowId + "/access_groups/" + groupId, null));
            Output out = ctx.output();
            if (out.json()) {
                out.printJson(a);
            } else {
                out.println("Successfully added workflow to group:");
                out.println("  Workflow ID: " + a.path("workflow_id").asLong());
                out.println("  Group ID: " + a.path("group_id").asLong());
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "remove-workflow", mixinStandardHelpOptions = true,
            description = "Take a group's access to a workflow away.")
    static final class RemoveWorkflow extends ContextCommand {
        @Parameters(index = "0", paramLabel = "WORKFLOW_ID", description = "Workflow ID")
        long workflowId;

        @Parameters(index = "1", paramLabel = "GROUP_ID", description = "Group ID")
        long groupId;

        @Override
        protected ExitCode execute(CliContext ctx) {
            ctx.during("removing workflow from group", () -> ctx.api()
                    .delete("/workflows/" + workflowId + "/access_groups/" + groupId));
            success(ctx, "Successfully removed workflow " + workflowId + " from group " + groupId);
            return ExitCode.OK;
        }
    }

    @Command(name = "list-workflow-groups", mixinStandardHelpOptions = true,
            description = "List the groups that have access to a workflow.")
    static final class ListWorkflowGroups extends ContextCommand {
        @Parameters(index = "0", paramLabel = "WORKFLOW_ID", description = "Workflow ID")
        long workflowId;

        @Override
        protected ExitCode execute(CliContext ctx) {
            List<JsonNode> groups = ctx.during("listing workflow groups", () -> ctx.api()
                    .listAll("/workflows/" + workflowId + "/access_groups", Queries.of(),
                            Long.MAX_VALUE));
            printGroups(ctx, groups, "Groups with access to workflow " + workflowId + ":",
                    "Workflow " + workflowId + " is not associated with any groups");
            return ExitCode.OK;
        }
    }
}
