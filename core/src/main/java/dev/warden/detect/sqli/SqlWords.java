package dev.warden.detect.sqli;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The SQL vocabulary the lexer classifies words with, generated at class load from the small
 * data table below (one line per class: a class letter, then words). Immutable after class init,
 * so safe to share between threads.
 *
 * <p>Classes: {@code U} UNION; {@code E} statement verbs that start a new statement; {@code k}
 * other keywords; {@code &} logic operators; {@code o} word operators; {@code F} functions whose
 * names are SQL-specific (a following {@code (} may be separated by blanks or comments);
 * {@code f} functions whose names are also common English words (only a function when
 * {@code (} follows immediately, so "if (you want)" stays prose).
 */
final class SqlWords {

  /** Dialect-spanning vocabulary (MySQL, MSSQL, PostgreSQL, Oracle, SQLite, DB2). */
  private static final String TABLE = """
      U union
      E select insert update delete drop exec execute declare create alter truncate shutdown waitfor \
      grant revoke merge rename handler begin
      k from where limit offset order group by having into as on join inner outer cross natural \
      values set table database schema procedure top distinct all between case when then \
      else end desc asc null is in exists collate delay begin outfile dumpfile \
      using analyse fetch next rows only for escape \
      true false unknown current_user session_user system_user \
      information_schema sysobjects syscolumns sysdatabases master msdb tempdb pg_catalog \
      pg_shadow pg_user all_tables user_tables mysql sqlite_master xp_cmdshell sp_executesql \
      sp_makewebtask sp_oacreate sp_addlogin sp_password xp_regread xp_dirtree xp_fileexist \
      openrowset opendatasource openquery
      & and or xor
      o like rlike regexp sounds div mod not glob escape
      F ascii char_length character_length concat concat_ws substring substr mid length version \
      database user current_user system_user session_user schema sleep benchmark pg_sleep \
      extractvalue updatexml convert cast ifnull isnull nullif coalesce hex unhex bin ord md5 sha1 \
      sha2 rand floor ceil ceiling exp load_file group_concat lower upper trim ltrim rtrim instr locate \
      strcmp elt make_set export_set iif db_name host_name is_srvrolemember has_dbaccess \
      name_const geometrycollection polygon multipoint multipolygon multilinestring linestring \
      json_keys gtid_subset xmltype dbms_xmlgen sys_context randomblob sqlite_version unicode \
      quotename lpad rpad reverse repeat conv oct pow sqrt now sysdate aes_encrypt aes_decrypt \
      compress uncompress to_char to_number chr bitand nvl soundex unix_timestamp current_database \
      pg_read_file pg_ls_dir lo_import utl_inaddr dbms_pipe dbms_lock xp_cmdshell char \
      schema_name table_name column_name object_id object_name col_name type_name suser_name \
      user_name suser_sname is_member charset collation connection_id last_insert_id row_count \
      found_rows uuid sys_eval sys_exec load_extension typeof zeroblob hex_encode \
      dbms_utility utl_http httpuritype extract make_set json_extract st_latfromgeohash \
      st_longfromgeohash st_pointfromgeohash crc32 lcase ucase space quote format encode decode \
      position locate instr str nchar substring_index cot exp log ln abs sign pi degrees radians \
      sin cos tan atan acos asin greatest least field weight_string procedure_analyse analyse \
      benchmark waitfor datalength len get_host_name receive_message
      f if left right replace insert count sum max min avg round mod values row date day \
      month year hour minute second time timestamp
      """;

  /**
   * {@link #TABLE} cut into rows of words by hand: {@code String.split(" +")} compiles a pattern
   * per call, which class initialisation (at cold start, interpreted) paid for every row twice.
   */
  private static final String[][] ROWS = rows(TABLE);

  private static final Map<String, Character> WORDS = build();

  private static String[][] rows(String table) {
    java.util.List<String[]> rows = new java.util.ArrayList<>();
    java.util.List<String> words = new java.util.ArrayList<>();
    int i = 0;
    int n = table.length();
    while (i <= n) {
      if (i == n || table.charAt(i) == '\n') {
        if (!words.isEmpty()) {
          rows.add(words.toArray(new String[0]));
          words.clear();
        }
        i++;
        continue;
      }
      if (table.charAt(i) == ' ') {
        i++;
        continue;
      }
      int start = i;
      while (i < n && table.charAt(i) != ' ' && table.charAt(i) != '\n') {
        i++;
      }
      words.add(table.substring(start, i));
    }
    return rows.toArray(new String[0][]);
  }

  private SqlWords() {}

  private static Map<String, Character> build() {
    Map<String, Character> m = new HashMap<>();
    for (String[] parts : ROWS) {
      if (parts.length < 2) {
        continue;
      }
      char cls = parts[0].charAt(0);
      for (int i = 1; i < parts.length; i++) {
        // first class listed wins, except that a function class never hides a keyword class:
        // a word like "user" is a bareword/keyword unless "(" follows, handled by the lexer.
        m.putIfAbsent(parts[i].toLowerCase(Locale.ROOT), cls);
      }
    }
    return Map.copyOf(m);
  }

  /** Every word of {@link #WORDS} in an open-addressing table indexed by {@link #slot}. */
  private static final String[] CANONICAL = canonicalTable();

  private static String[] canonicalTable() {
    String[] t = new String[Integer.highestOneBit(WORDS.size() * 4)];
    for (String w : WORDS.keySet()) {
      int i = slot(w.hashCode(), t.length);
      while (t[i] != null) {
        i = (i + 1) & (t.length - 1);
      }
      t[i] = w;
    }
    return t;
  }

  /** Length of the longest vocabulary word. */
  private static final int LONGEST = longest();

  private static int longest() {
    int max = 0;
    for (String w : WORDS.keySet()) {
      max = Math.max(max, w.length());
    }
    return max;
  }

  private static int slot(int hash, int size) {
    return ((hash ^ (hash >>> 16)) * 0x9E3779B1) & (size - 1);
  }

  /**
   * Index in the vocabulary table of the word that {@code text[from, to)} spells, ignoring ASCII
   * case, or -1; {@link #wordAt} and {@link #classAt} read the entry. The range must hold ASCII
   * characters only; then its lower-case form equals the table's word exactly, so the lexer can
   * use the shared string instead of allocating one per token. {@code h} is the
   * {@link String#hashCode} of the range's lower-case form (the lexer computes it while it reads
   * the word).
   */
  static int find(String text, int from, int to, int h) {
    int len = to - from;
    if (len > LONGEST) {
      return -1; // longer than any vocabulary word: no probe needed
    }
    int i = slot(h, CANONICAL.length);
    String w;
    while ((w = CANONICAL[i]) != null) {
      // the hash from the parallel array first: a miss does not touch the word's string
      if (HASHES[i] == h && w.length() == len && sameLower(text, from, w)) {
        return i;
      }
      i = (i + 1) & (CANONICAL.length - 1);
    }
    return -1;
  }

  /** The vocabulary word at index {@code i} of {@link #find}. */
  static String wordAt(int i) {
    return CANONICAL[i];
  }

  /** The class letter ({@link #classOf}) of the word at index {@code i} of {@link #find}. */
  static char classAt(int i) {
    return CLASSES[i];
  }

  /** {@link String#hashCode} of each {@link #CANONICAL} entry. */
  private static final int[] HASHES = hashes();

  private static int[] hashes() {
    int[] h = new int[CANONICAL.length];
    for (int i = 0; i < h.length; i++) {
      if (CANONICAL[i] != null) {
        h[i] = CANONICAL[i].hashCode();
      }
    }
    return h;
  }

  /** The class letter of each {@link #CANONICAL} entry, so the lexer needs no map look-up. */
  private static final char[] CLASSES = classes();

  private static char[] classes() {
    char[] c = new char[CANONICAL.length];
    for (int i = 0; i < c.length; i++) {
      if (CANONICAL[i] != null) {
        c[i] = WORDS.get(CANONICAL[i]);
      }
    }
    return c;
  }

  /** Whether ASCII {@code text[from, from + w.length())} lower-cased equals {@code w}. */
  private static boolean sameLower(String text, int from, String w) {
    for (int k = 0; k < w.length(); k++) {
      char c = text.charAt(from + k);
      if ((c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) != w.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** The class letter of a lower-case word, or {@code 0}. */
  static char classOf(String lower) {
    Character c = WORDS.get(lower);
    return c == null ? 0 : c;
  }

  /**
   * The words the lexer turns into a token other than a bareword when no {@code (} follows:
   * those of class {@code U}, {@code E}, {@code k}, {@code &} or {@code o} (see
   * {@link SqlLexer}{@code .word}). Function-class words stay barewords without a parenthesis.
   */
  static java.util.Set<String> tokenWords() {
    java.util.Set<String> out = new java.util.HashSet<>();
    for (Map.Entry<String, Character> e : WORDS.entrySet()) {
      if ("UEk&o".indexOf(e.getValue()) >= 0) {
        out.add(e.getKey());
      }
    }
    return java.util.Set.copyOf(out);
  }

  /** True when the word names a function in either function class. */
  static boolean isFunction(String lower) {
    return FUNCTIONS.containsKey(lower);
  }

  /** True when the word is an SQL-specific function name (class {@code F}). */
  static boolean isStrongFunction(String lower) {
    Character c = FUNCTIONS.get(lower);
    return c != null && c == 'F';
  }

  private static final Map<String, Character> FUNCTIONS = buildFunctions();

  private static Map<String, Character> buildFunctions() {
    Map<String, Character> m = new HashMap<>();
    for (String[] parts : ROWS) {
      if (parts.length < 2 || (parts[0].charAt(0) != 'F' && parts[0].charAt(0) != 'f')) {
        continue;
      }
      for (int i = 1; i < parts.length; i++) {
        m.putIfAbsent(parts[i].toLowerCase(Locale.ROOT), parts[0].charAt(0));
      }
    }
    return Map.copyOf(m);
  }
}
