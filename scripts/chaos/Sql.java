import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Prints the first column of the first row of a query, or runs a statement that returns none (DDL too):
 * java -cp <pgjdbc jar> Sql.java <port> <sql>.
 */
public class Sql {
    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + args[0] + "/postgres", "postgres", "postgres");
                Statement s = c.createStatement()) {
            if (!s.execute(args[1])) {
                System.out.println("");
                return;
            }
            try (ResultSet rs = s.getResultSet()) {
                System.out.println(rs.next() ? rs.getString(1) : "");
            }
        }
    }
}
