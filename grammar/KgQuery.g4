// The kgraph query language: openCypher 9 in a compact form (docs/query.md).
// Keywords are case-insensitive (fragment letters: the Debian tool, ANTLR
// 4.7.2, has no caseInsensitive option). Expressions use one left-recursive
// rule, listed from the tightest binding to the loosest, so each level of
// parentheses costs the generated parser a few frames, not one per precedence
// level; query/parser still bounds nesting before parsing.
grammar KgQuery;

statement : (EXPLAIN | PROFILE)? query SEMI? EOF ;

query : singleQuery (UNION ALL? singleQuery)* ;

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
skip : L_SKIP expr ;
limit : LIMIT expr ;
where : WHERE expr ;

createClause : CREATE pattern ;
mergeClause : MERGE patternPart mergeAction* ;
mergeAction : ON (MATCH | CREATE) SET setItem (COMMA setItem)* ;
setClause : SET setItem (COMMA setItem)* ;
setItem
    : expr DOT propertyKey EQ expr   # setProperty
    | variable EQ expr               # setReplace
    | variable PLUSEQ expr           # setMerge
    | variable nodeLabels            # setLabels
    ;
removeClause : REMOVE removeItem (COMMA removeItem)* ;
removeItem
    : variable nodeLabels            # removeLabels
    | expr DOT propertyKey           # removeProperty
    ;
deleteClause : DETACH? DELETE expr (COMMA expr)* ;
callClause : CALL procedureName (LPAREN (expr (COMMA expr)*)? RPAREN)? (YIELD (STAR | yieldItem (COMMA yieldItem)* where?))? ;
procedureName : symbolicName (DOT symbolicName)* ;
yieldItem : symbolicName (AS variable)? ;

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
nodeLabels : (COLON labelAlternatives)+ ;
labelAlternatives : schemaName (PIPE COLON? schemaName)* ;
relationshipPattern : LT? MINUS relationshipDetail? MINUS GT? ;
relationshipDetail : LBRACK variable? relationshipTypes? rangeLiteral? properties? RBRACK ;
relationshipTypes : COLON schemaName (PIPE COLON? schemaName)* ;
rangeLiteral : STAR low=integerLiteral? (DOTDOT high=integerLiteral?)? ;
properties : mapLiteral | parameter ;
// A pattern used as an expression: at least one relationship.
relationshipsPattern : nodePattern (relationshipPattern nodePattern)+ ;

// ---- expressions

expr
    : atom                                                        # atomExpr
    | expr DOT propertyKey                                        # propertyExpr
    | expr LBRACK expr RBRACK                                     # subscriptExpr
    | expr LBRACK from=expr? DOTDOT to=expr? RBRACK               # sliceExpr
    | expr nodeLabels                                             # labelExpr
    | (PLUS | MINUS) expr                                         # unaryExpr
    | expr POW expr                                               # powExpr
    | expr (STAR | DIV | MOD) expr                                # mulExpr
    | expr (PLUS | MINUS) expr                                    # addExpr
    | expr (STARTS WITH | ENDS WITH | CONTAINS | REGEX | IN) expr  # predicateExpr
    | expr IS NOT? NULL_                                           # nullExpr
    | expr (EQ | NEQ | LT | GT | LE | GE) expr                    # compareExpr
    | NOT expr                                                    # notExpr
    | expr AND expr                                               # andExpr
    | expr XOR expr                                               # xorExpr
    | expr OR expr                                                # orExpr
    ;

atom
    : literal                                                     # literalAtom
    | parameter                                                   # parameterAtom
    | CASE test=expr? caseAlternative+ (ELSE elseExpr=expr)? END  # caseAtom
    | COUNT LPAREN STAR RPAREN                                    # countStarAtom
    | LBRACK variable IN expr (WHERE expr)? (PIPE expr)? RBRACK    # listComprehensionAtom
    | LBRACK (variable EQ)? relationshipsPattern (WHERE expr)? PIPE expr RBRACK  # patternComprehensionAtom
    | quantifier=(ALL | ANY | NONE | SINGLE) LPAREN variable IN expr (WHERE expr)? RPAREN  # quantifierAtom
    | REDUCE LPAREN variable EQ expr COMMA variable IN expr PIPE expr RPAREN  # reduceAtom
    | EXISTS LBRACE (query | pattern where?) RBRACE               # existsAtom
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

functionName : symbolicName (DOT symbolicName)* | EXISTS ;

literal
    : numberLiteral
    | StringLiteral
    | TRUE
    | FALSE
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
// Labels, types and keys may be any word, reserved ones included.
schemaName : symbolicName | reservedWord ;
symbolicName
    : Identifier | EscapedName
    | COUNT | ANY | NONE | SINGLE | ALL | ASC | ASCENDING | DESC | DESCENDING | L_SKIP | LIMIT
    | EXPLAIN | PROFILE | SHORTESTPATH | ALLSHORTESTPATHS | REDUCE | YIELD | DETACH | BY | ORDER
    ;
reservedWord
    : MATCH | OPTIONAL | WHERE | WITH | UNWIND | AS | RETURN | DISTINCT | CREATE | MERGE | ON | SET
    | REMOVE | DELETE | CALL | UNION | NOT | AND | OR | XOR | IN | STARTS | ENDS | CONTAINS | IS
    | NULL_ | TRUE | FALSE | CASE | WHEN | THEN | ELSE | END | EXISTS
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
L_SKIP : S K I P ;
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
TRUE : T R U E ;
FALSE : F A L S E ;
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
NEQ : '<>' | '!=' ;
LE : '<=' ;
GE : '>=' ;
LT : '<' ;
GT : '>' ;

HexInteger : '0' [xX] [0-9a-fA-F]+ ;
OctalInteger : '0' [oO] [0-7]+ ;
FloatLiteral
    : Digits '.' Digits Exponent?
    | '.' Digits Exponent?
    | Digits Exponent
    ;
DecimalInteger : Digits ;
fragment Digits : [0-9]+ ;
fragment Exponent : [eE] [+-]? Digits ;

StringLiteral
    : '"' ( ~["\\] | '\\' . )* '"'
    | '\'' ( ~['\\] | '\\' . )* '\''
    ;
EscapedName : '`' ( ~'`' | '``' )* '`' ;
Identifier : [\p{L}_] [\p{L}\p{N}_]* ;

LINE_COMMENT : '//' ~[\r\n]* -> channel(HIDDEN) ;
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN) ;
WS : [ \t\r\n\f\u00A0\u2028\u2029\uFEFF]+ -> channel(HIDDEN) ;
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
