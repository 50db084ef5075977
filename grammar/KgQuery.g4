// The kgraph query language: openCypher 9 (opencypher/openCypher grammar/
// cypher.xml, as Cypher.g4) in a compact form; docs/query.md lists what it has.
//
// Differences from the openCypher 9 grammar, and why:
// - No SP tokens: whitespace and comments go to the hidden channel.
// - Expressions are one left-recursive rule, alternatives listed from the
//   tightest binding to the loosest, so a level of parentheses costs the
//   generated parser a few frames rather than one per precedence level.
//   The order follows the openCypher grammar after version 9 (and the TCK's
//   Precedence*.feature): IN, STARTS WITH, ENDS WITH, CONTAINS, =~ and
//   IS [NOT] NULL bind looser than + and -, tighter than comparisons; unary
//   minus binds tighter than ^ (-3 ^ 2 = 9); ^ is left-associative.
// - Subscripts, property lookups and label tests chain in any order: f(x).a[0].b.
// - Forms from Neo4j beyond openCypher 9: label disjunction (:A|B),
//   EXISTS { ... }, map projections.
// - The grammar is permissive where a later check says it better:
//   query/parser rejects what is invalid but parses (x[] without an index,
//   :A|B outside a pattern, YIELD * inside a larger query, a pattern used as
//   a value), the planner rejects misplaced clauses (RETURN in the middle).
//
// Keywords are case-insensitive: Debian's tool (ANTLR 4.7.2) has no
// caseInsensitive option, so they are spelled with one fragment per letter.
// Reserved words (openCypher's list, less those that cannot be misread as
// a name) are names only as labels, relationship types, property keys, map
// keys and procedure names (`n.match`, `:Where`, CALL db.create.x());
// backticks make any word a name.
grammar KgQuery;

statement : (EXPLAIN | PROFILE)? query SEMI? EOF ;

query : singleQuery (UNION ALL? singleQuery)* ;

// Which clause may follow which is checked by the planner, with a message
// that names the clause (openCypher encodes it here).
singleQuery : clause+ ;

clause
    : matchClause
    | unwindClause
    | withClause
    | returnClause
    | createClause
    | mergeClause
    | setClause
    | removeClause
    | deleteClause
    | callClause
    ;

matchClause : OPTIONAL? MATCH pattern where? ;
unwindClause : UNWIND expr AS variable ;
withClause : WITH projectionBody where? ;
returnClause : RETURN projectionBody ;
projectionBody : DISTINCT? projectionItems order? skip? limit? ;
projectionItems : STAR (COMMA projectionItem)* | projectionItem (COMMA projectionItem)* ;
projectionItem : expr (AS variable)? ;
order : ORDER BY sortItem (COMMA sortItem)* ;
sortItem : expr (ASC | ASCENDING | DESC | DESCENDING)? ;
skip : SKIP_ expr ;
limit : LIMIT expr ;
where : WHERE expr ;

createClause : CREATE pattern ;
mergeClause : MERGE patternPart mergeAction* ;
mergeAction : ON (MATCH | CREATE) SET setItem (COMMA setItem)* ;
setClause : SET setItem (COMMA setItem)* ;
setItem
    : propertyTarget EQ expr         # setProperty
    | variable EQ expr               # setReplace
    | variable PLUSEQ expr           # setMerge
    | variable nodeLabels            # setLabels
    ;
removeClause : REMOVE removeItem (COMMA removeItem)* ;
removeItem
    : variable nodeLabels            # removeLabels
    | propertyTarget                 # removeProperty
    ;
// What SET and REMOVE change a property of: an atom and its lookups, so
// (n).p, n.a.b, l[0].p, f(x).p. Not `expr DOT propertyKey`: with expr
// followed by '.' anywhere in the grammar, SLL prediction would read every
// n.x = ... in a WHERE as a possible SET item and look ahead to the end of
// the expression each time, quadratic in a chain of ORs.
propertyTarget : atom (DOT propertyKey | LBRACK expr RBRACK)* DOT propertyKey ;
deleteClause : DETACH? DELETE expr (COMMA expr)* ;
// CALL p without parentheses takes its arguments from parameters.
callClause : CALL procedureName (LPAREN (expr (COMMA expr)*)? RPAREN)? yieldItems? ;
yieldItems : YIELD (STAR | yieldItem (COMMA yieldItem)* where?) ;
yieldItem : symbolicName (AS variable)? ;
procedureName : schemaName (DOT schemaName)* ;

// ---- patterns

pattern : patternPart (COMMA patternPart)* ;
patternPart : (variable EQ)? anonymousPatternPart ;
anonymousPatternPart
    : (SHORTESTPATH | ALLSHORTESTPATHS) LPAREN patternElement RPAREN
    | patternElement
    ;
patternElement
    : nodePattern (relationshipPattern nodePattern)*
    | LPAREN patternElement RPAREN
    ;
nodePattern : LPAREN variable? nodeLabels? properties? RPAREN ;
// :A:B needs both labels, :A|B either; the legacy :A|:B means :A|B.
nodeLabels : (COLON labelAlternatives)+ ;
labelAlternatives : schemaName (PIPE COLON? schemaName)* ;
relationshipPattern : LT? MINUS relationshipDetail? MINUS GT? ;
relationshipDetail : LBRACK variable? relationshipTypes? rangeLiteral? properties? RBRACK ;
relationshipTypes : COLON schemaName (PIPE COLON? schemaName)* ;
rangeLiteral : STAR low=integerLiteral? (DOTDOT high=integerLiteral?)? ;
properties : mapLiteral | parameter ;
// A pattern used as an expression has at least one relationship: a lone
// (n) is a parenthesized variable.
relationshipsPattern : nodePattern (relationshipPattern nodePattern)+ ;

// ---- expressions

expr
    : atom                                                        # atomExpr
    | expr DOT propertyKey                                        # propertyExpr
    // One alternative for x[i] and x[a..b]: two would make the parser look
    // ahead to the closing bracket at every level, quadratic when nested.
    | expr LBRACK from=expr? (DOTDOT to=expr?)? RBRACK            # subscriptExpr
    | expr nodeLabels                                             # labelExpr
    | (PLUS | MINUS) expr                                         # unaryExpr
    | expr POW expr                                               # powExpr
    | expr (STAR | DIV | MOD) expr                                # mulExpr
    | expr (PLUS | MINUS) expr                                    # addExpr
    | expr (STARTS WITH | ENDS WITH | CONTAINS | REGEX | IN) expr # predicateExpr
    | expr IS NOT? NULL_                                          # nullExpr
    | expr (EQ | NEQ | LT | GT | LE | GE) expr                    # compareExpr
    | NOT expr                                                    # notExpr
    | expr AND expr                                               # andExpr
    | expr XOR expr                                               # xorExpr
    | expr OR expr                                                # orExpr
    ;

// Where alternatives overlap, the first wins, as Neo4j reads them:
// [x IN l] is a list comprehension, not a list holding `x IN l`;
// all(x IN l WHERE p) is a quantifier; (a)-->(b) is a pattern, not
// (a) - (-(b)) > ...
atom
    : parameter                                                   # parameterAtom
    | CASE test=expr? caseAlternative+ (ELSE elseExpr=expr)? END  # caseAtom
    | COUNT LPAREN STAR RPAREN                                    # countStarAtom
    | LBRACK variable IN expr (WHERE expr)? (PIPE expr)? RBRACK    # listComprehensionAtom
    | LBRACK (variable EQ)? relationshipsPattern (WHERE expr)? PIPE expr RBRACK  # patternComprehensionAtom
    | quantifier=(ALL | ANY | NONE | SINGLE) LPAREN variable IN expr (WHERE expr)? RPAREN  # quantifierAtom
    | REDUCE LPAREN variable EQ expr COMMA variable IN expr PIPE expr RPAREN  # reduceAtom
    | EXISTS LBRACE (query | pattern where?) RBRACE               # existsAtom
    | literal                                                     # literalAtom
    | relationshipsPattern                                        # patternAtom
    | LPAREN expr RPAREN                                          # parenthesizedAtom
    | functionName LPAREN DISTINCT? (expr (COMMA expr)*)? RPAREN  # functionAtom
    | variable LBRACE (mapProjectionItem (COMMA mapProjectionItem)*)? RBRACE  # mapProjectionAtom
    | variable                                                    # variableAtom
    ;

caseAlternative : WHEN expr THEN expr ;
mapProjectionItem
    : DOT propertyKey              # projectProperty
    | DOT STAR                     # projectAll
    | propertyKey COLON expr       # projectLiteral
    | variable                     # projectVariable
    ;

// exists(n.prop) is a function. Namespaces are not reserved words: WHERE
// RETURN would otherwise read as the start of RETURN.f() and mislead the
// error message.
functionName : (symbolicName DOT)* symbolicName | EXISTS ;

literal
    : numberLiteral
    | StringLiteral
    | TRUE_
    | FALSE_
    | NULL_
    | listLiteral
    | mapLiteral
    ;
numberLiteral : integerLiteral | FloatLiteral ;
integerLiteral : DecimalInteger | HexInteger | OctalInteger ;
listLiteral : LBRACK (expr (COMMA expr)*)? RBRACK ;
mapLiteral : LBRACE (propertyKey COLON expr (COMMA propertyKey COLON expr)*)? RBRACE ;
parameter : DOLLAR (symbolicName | DecimalInteger) ;

variable : symbolicName ;
propertyKey : schemaName ;
schemaName : symbolicName | reservedWord ;
// Keywords that cannot be misread where a name stands are names everywhere:
// `count`, `all`, `order`, `limit` as variables, as Neo4j allows them.
symbolicName
    : Identifier | EscapedName
    | COUNT | ANY | NONE | SINGLE | ALL | REDUCE | SHORTESTPATH | ALLSHORTESTPATHS
    | ASC | ASCENDING | DESC | DESCENDING | ORDER | BY | SKIP_ | LIMIT | DETACH | YIELD | EXPLAIN | PROFILE
    ;
// The rest of openCypher's reserved words, names only after ':' or '.' or
// as map keys (WHERE, IN, DISTINCT could start or continue a clause).
reservedWord
    : CREATE | DELETE | EXISTS | MATCH | MERGE | ON | OPTIONAL | REMOVE | RETURN | SET | WHERE | WITH
    | UNION | UNWIND | AND | AS | CONTAINS | DISTINCT | ENDS | IN | IS | NOT | OR | STARTS | XOR | CASE
    | ELSE | END | THEN | WHEN | FALSE_ | NULL_ | TRUE_ | CALL
    ;

// ---- tokens

EXPLAIN : E X P L A I N ;
PROFILE : P R O F I L E ;
UNION : U N I O N ;
ALL : A L L ;
OPTIONAL : O P T I O N A L ;
MATCH : M A T C H ;
UNWIND : U N W I N D ;
AS : A S ;
WITH : W I T H ;
RETURN : R E T U R N ;
DISTINCT : D I S T I N C T ;
ORDER : O R D E R ;
BY : B Y ;
ASC : A S C ;
ASCENDING : A S C E N D I N G ;
DESC : D E S C ;
DESCENDING : D E S C E N D I N G ;
SKIP_ : S K I P ;
LIMIT : L I M I T ;
WHERE : W H E R E ;
CREATE : C R E A T E ;
MERGE : M E R G E ;
ON : O N ;
SET : S E T ;
REMOVE : R E M O V E ;
DETACH : D E T A C H ;
DELETE : D E L E T E ;
CALL : C A L L ;
YIELD : Y I E L D ;
SHORTESTPATH : S H O R T E S T P A T H ;
ALLSHORTESTPATHS : A L L S H O R T E S T P A T H S ;
OR : O R ;
XOR : X O R ;
AND : A N D ;
NOT : N O T ;
STARTS : S T A R T S ;
ENDS : E N D S ;
CONTAINS : C O N T A I N S ;
IN : I N ;
IS : I S ;
NULL_ : N U L L ;
TRUE_ : T R U E ;
FALSE_ : F A L S E ;
COUNT : C O U N T ;
CASE : C A S E ;
WHEN : W H E N ;
THEN : T H E N ;
ELSE : E L S E ;
END : E N D ;
ANY : A N Y ;
NONE : N O N E ;
SINGLE : S I N G L E ;
REDUCE : R E D U C E ;
EXISTS : E X I S T S ;

SEMI : ';' ;
COMMA : ',' ;
DOTDOT : '..' ;
DOT : '.' ;
COLON : ':' ;
PIPE : '|' ;
DOLLAR : '$' ;
LPAREN : '(' ;
RPAREN : ')' ;
LBRACK : '[' ;
RBRACK : ']' ;
LBRACE : '{' ;
RBRACE : '}' ;
PLUSEQ : '+=' ;
PLUS : '+' ;
MINUS : '-' ;
STAR : '*' ;
DIV : '/' ;
MOD : '%' ;
POW : '^' ;
REGEX : '=~' ;
EQ : '=' ;
NEQ : '<>' ;
LE : '<=' ;
GE : '>=' ;
LT : '<' ;
GT : '>' ;
// Not an operator: a token of its own so the error can suggest <>.
BANG_EQ : '!=' ;

HexInteger : '0' [xX] [0-9a-fA-F]+ ;
OctalInteger : '0' [oO] [0-7]+ ;
FloatLiteral
    : Digits '.' Digits Exponent?
    | '.' Digits Exponent?
    | Digits Exponent
    ;
DecimalInteger : Digits ;
// Digits run into letters (0x1G, 12abc, 1e): one token the parser rejects
// as a malformed number rather than a number followed by a name.
MalformedNumber : Digits [\p{L}_] [\p{L}\p{N}_]* | '0' [xXoO] [\p{L}\p{N}_]* ;
fragment Digits : [0-9]+ ;
fragment Exponent : [eE] [+-]? Digits ;

// Escapes are checked (and decoded) by query/parser, which can say which
// one is wrong.
StringLiteral
    : '"' ( ~["\\] | '\\' . )* '"'
    | '\'' ( ~['\\] | '\\' . )* '\''
    ;
EscapedName : '`' ( ~'`' | '``' )* '`' ;
Identifier : [\p{L}_] [\p{L}\p{N}_]* ;

LINE_COMMENT : '//' ~[\r\n]* -> channel(HIDDEN) ;
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN) ;
WS : [ \t\r\n\f\u000B\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+ -> channel(HIDDEN) ;

// Text that never closes reaches the end of the query; the longest match
// makes a closed string, name or comment always win over these.
UnterminatedString
    : '"' ( ~["\\] | '\\' . )* '\\'?
    | '\'' ( ~['\\] | '\\' . )* '\\'?
    ;
UnterminatedName : '`' ( ~'`' | '``' )* ;
UnterminatedComment : '/*' ( ~'*' | '*'+ ~[*/] )* '*'* ;
// Anything else is a token the parser rejects with a clear message.
UNKNOWN : . ;

fragment A : [aA] ;
fragment B : [bB] ;
fragment C : [cC] ;
fragment D : [dD] ;
fragment E : [eE] ;
fragment F : [fF] ;
fragment G : [gG] ;
fragment H : [hH] ;
fragment I : [iI] ;
fragment J : [jJ] ;
fragment K : [kK] ;
fragment L : [lL] ;
fragment M : [mM] ;
fragment N : [nN] ;
fragment O : [oO] ;
fragment P : [pP] ;
fragment Q : [qQ] ;
fragment R : [rR] ;
fragment S : [sS] ;
fragment T : [tT] ;
fragment U : [uU] ;
fragment V : [vV] ;
fragment W : [wW] ;
fragment X : [xX] ;
fragment Y : [yY] ;
fragment Z : [zZ] ;
