package dev.warden.detect.sqli;

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

  /*
   * The vocabulary as an open-addressing table indexed by slot(String.hashCode): the word, its
   * hash, its class letter (the first row that lists it wins: "insert" is a statement verb before
   * it is a function) and its function class letter (F or f from the first function row that
   * lists it, else 0). Built in one pass over TABLE with the hash computed while reading each
   * word: class initialisation runs interpreted at cold start, where a HashMap, Map.copyOf and a
   * String per row and word cost milliseconds.
   */
  private static final String[] CANONICAL;
  private static final int[] HASHES;
  private static final char[] CLASSES;
  private static final char[] FUNCTION_CLASSES;

  /** Length of the longest vocabulary word. */
  private static final int LONGEST;

  static {
    String table = TABLE;
    int n = table.length();
    int tokens = 0; // class letters and words: at least the number of distinct words
    for (int i = 0; i < n; i++) {
      char c = table.charAt(i);
      if (c != ' ' && c != '\n' && (i == 0 || table.charAt(i - 1) == ' ' || table.charAt(i - 1) == '\n')) {
        tokens++;
      }
    }
    int size = Integer.highestOneBit(tokens * 4);
    String[] words = new String[size];
    int[] hashes = new int[size];
    char[] classes = new char[size];
    char[] functions = new char[size];
    int longest = 0;
    char cls = 0; // class letter of the current row, 0 at the start of a row
    int i = 0;
    while (i < n) {
      char c = table.charAt(i);
      if (c == '\n') {
        cls = 0;
        i++;
        continue;
      }
      if (c == ' ') {
        i++;
        continue;
      }
      int start = i;
      int h = 0; // String.hashCode of the word
      while (i < n && (c = table.charAt(i)) != ' ' && c != '\n') {
        h = 31 * h + c;
        i++;
      }
      if (cls == 0) {
        cls = table.charAt(start);
        continue;
      }
      int slot = slot(h, size);
      while (words[slot] != null && !(hashes[slot] == h && table.startsWith(words[slot], start)
          && words[slot].length() == i - start)) {
        slot = (slot + 1) & (size - 1);
      }
      if (words[slot] == null) {
        words[slot] = table.substring(start, i);
        hashes[slot] = h;
        classes[slot] = cls;
        longest = Math.max(longest, i - start);
      }
      if ((cls == 'F' || cls == 'f') && functions[slot] == 0) {
        functions[slot] = cls;
      }
    }
    CANONICAL = words;
    HASHES = hashes;
    CLASSES = classes;
    FUNCTION_CLASSES = functions;
    LONGEST = longest;
  }

  private SqlWords() {}

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

  /** Index of the vocabulary word equal to {@code word}, or -1. */
  private static int indexOf(String word) {
    if (word.length() > LONGEST) {
      return -1;
    }
    int h = word.hashCode();
    int i = slot(h, CANONICAL.length);
    String w;
    while ((w = CANONICAL[i]) != null) {
      if (HASHES[i] == h && w.equals(word)) {
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
    int i = indexOf(lower);
    return i < 0 ? 0 : CLASSES[i];
  }

  /**
   * The words the lexer turns into a token other than a bareword when no {@code (} follows:
   * those of class {@code U}, {@code E}, {@code k}, {@code &} or {@code o} (see
   * {@link SqlLexer}{@code .word}). Function-class words stay barewords without a parenthesis.
   * Each word once, in no particular order.
   */
  static String[] tokenWords() {
    int count = 0;
    for (int i = 0; i < CANONICAL.length; i++) {
      if (CANONICAL[i] != null && "UEk&o".indexOf(CLASSES[i]) >= 0) {
        count++;
      }
    }
    String[] out = new String[count];
    int k = 0;
    for (int i = 0; i < CANONICAL.length; i++) {
      if (CANONICAL[i] != null && "UEk&o".indexOf(CLASSES[i]) >= 0) {
        out[k++] = CANONICAL[i];
      }
    }
    return out;
  }

  /** True when the word names a function in either function class. */
  static boolean isFunction(String lower) {
    int i = indexOf(lower);
    return i >= 0 && FUNCTION_CLASSES[i] != 0;
  }

  /** True when the word is an SQL-specific function name (class {@code F}). */
  static boolean isStrongFunction(String lower) {
    int i = indexOf(lower);
    return i >= 0 && FUNCTION_CLASSES[i] == 'F';
  }
}
